/**
 * Area (um^2) and power (mW) of the accelerator, from MAESTRO's embedded cost tables: PEs
 * (a SIMD MAC plus an L1 SRAM each), the L2 SRAM, a bus and a matrix arbiter over all PEs.
 *
 * The SRAM sizes are the *required* buffer sizes the analysis found (the L1 of the first
 * analysis to complete, the L2 of the top level), summed as C ints, not the configured
 * buffer sizes; they can wrap negative, which the caller reports as an invalid result.
 */
import { repeatedSum } from './numeric.js';

/** Unit costs: [area um^2, power mW]. */
const MAC = [283, 1.2223] as const;
const SRAM_CELL = [0.104, 0.00345] as const;
const BUS = [101.7938, 0.8] as const;
const ARBITER = [395.473, 0.34] as const;

/** Scaling with the number of connected PEs P. */
const BUS_PER_PE = 14.662;
const BUS_BASE = 28.895;
const ARBITER_PER_PE_SQUARED = 1.2886;
const ARBITER_PER_PE = 5.5814;
const ARBITER_BASE = -23.711;

export interface AcceleratorCost {
  area: number;
  power: number;
}

export interface AcceleratorShape {
  numPes: number;
  simdLanes: number;
  bitWidth: number;
  bandwidth: number;
  /** Sum of the L1 requirements, elements (as a C int). */
  l1Size: number;
  /** Sum of the L2 requirements, elements (as a C int). */
  l2Size: number;
}

/** SRAM of `size` one-byte cells; an empty SRAM still costs one cell. */
function sram(unit: number, size: number, bitWidth: number): number {
  let cells = Math.ceil(size / 1.0);
  if (cells === 0) cells = 1;
  return unit * cells * (bitWidth / 8.0);
}

/** Area (index 0) or power (index 1) of one PE, the L2 SRAM and the NoC. */
interface Parts {
  pe: number;
  l2: number;
  noc: number;
}

function parts(which: 0 | 1, hw: AcceleratorShape): Parts {
  const pes = hw.numPes;
  const bits = hw.bitWidth;
  const mac = MAC[which] * hw.simdLanes * (bits / 32.0) * (bits / 32.0);
  const pe = 0 + mac + sram(SRAM_CELL[which], hw.l1Size, bits);

  const busScale = BUS_PER_PE * pes + BUS_BASE;
  const bus = which === 0
    ? BUS[0] * busScale * hw.bandwidth
    : BUS[1] * busScale / 1000 * hw.bandwidth;
  const arbiterScale = ARBITER_PER_PE_SQUARED * pes ** 2 + ARBITER_PER_PE * pes + ARBITER_BASE;
  const arbiterEstimate = which === 0
    ? ARBITER[0] * arbiterScale
    : ARBITER[1] * arbiterScale / 1000;
  const arbiter = arbiterEstimate < ARBITER[which] ? ARBITER[which] : arbiterEstimate;
  const noc = 0 + bus + arbiter;
  return { pe, l2: sram(SRAM_CELL[which], hw.l2Size, bits), noc };
}

export function acceleratorCost(hw: AcceleratorShape): AcceleratorCost {
  const area = parts(0, hw);
  const power = parts(1, hw);

  // The PE array adds one PE at a time, in double, as the reference does (`repeatedSum` gives
  // that loop's result without running it: numPes reaches thousands).
  const arrayArea = repeatedSum(area.pe, hw.numPes);
  const arrayPower = repeatedSum(power.pe, hw.numPes);
  return {
    area: 0 + arrayArea + area.l2 + area.noc,
    power: 0 + arrayPower + power.l2 + power.noc,
  };
}
