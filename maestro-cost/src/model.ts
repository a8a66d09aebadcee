/**
 * One evaluation from validated inputs to the reference's raw numbers: plan the levels, run
 * the engine, then size the accelerator and add up the energy. No validity judgement here.
 */
import { type AcceleratorCost, acceleratorCost } from './accelerator.js';
import { type LevelPlan, planLevels } from './clusters.js';
import { type CaseRecorder, Engine } from './engine.js';
import { MaestroInputError } from './errors.js';
import { X, Y, strideOf, topDims } from './layer.js';
import { type EnergyBreakdown, energy } from './metrics.js';
import { ArithmeticFault } from './numeric.js';
import type { LevelResult } from './results.js';
import type { Accelerator, Layer, Mapping } from './types.js';
import { validateAccelerator, validateLayer, validateMapping } from './validate.js';

/** The reference's fixed off-chip bandwidth, elements per cycle. */
export const DEFAULT_OFFCHIP_BANDWIDTH = 70000;
/** The reference's fixed NoC latency per hop, cycles. */
export const DEFAULT_HOP_LATENCY = 1;

/**
 * The raw numbers of one evaluation. Its `LevelResult`s live in the engine's reused scratch
 * memory: read them before the next evaluation starts.
 */
export interface ModelRun {
  readonly levels: readonly LevelPlan[];
  /** The top level's result (the last one the reference appends). */
  readonly top: LevelResult;
  /** The first analysis to complete; its L1 requirement sizes the PEs' SRAM. */
  readonly firstCompleted: LevelResult;
  /** L1 and L2 sizes fed to the area model, as the reference's C ints. */
  readonly areaL1: number;
  readonly areaL2: number;
  readonly cost: AcceleratorCost;
  readonly energy: EnergyBreakdown;
  /** N*K*C*X*Y*R*S of the layer (input X and Y). */
  readonly absComputations: number;
  readonly maxDividend: number;
}

// LIMITATION: one CONV layer per call. MAESTRO's other layer types, networks sharing tables
// across layers and layers given with X'/Y' dims are not modelled (Spotlight uses none).
export function runModel(layer: Layer, accel: Accelerator, mapping: Mapping,
  recorder: CaseRecorder | null = null): ModelRun {
  validateLayer(layer);
  validateAccelerator(accel);
  validateMapping(mapping, accel);

  const shape = { dims: topDims(layer), strideX: strideOf(layer, X), strideY: strideOf(layer, Y) };
  let levels: LevelPlan[];
  let engine: Engine;
  let top: LevelResult;
  try {
    levels = planLevels(shape, accel.numPes, mapping.directives);
    engine = new Engine(levels, {
      simdLanes: accel.simdLanes,
      bandwidth: accel.bandwidth,
      hopLatency: accel.hopLatency ?? DEFAULT_HOP_LATENCY,
      offchipBandwidth: accel.offchipBandwidth ?? DEFAULT_OFFCHIP_BANDWIDTH,
    }, recorder);
    top = engine.run();
  } catch (error) {
    if (!(error instanceof ArithmeticFault)) throw error;
    throw new MaestroInputError('mapping.directives', 'tile sizes and offsets',
      'values whose C int products stay non-zero',
      `the reference divides by zero (SIGFPE) in ${error.where}`);
  }

  const firstCompleted = engine.firstCompleted ?? top;
  const areaL1 = firstCompleted.l1SizeInt();
  const areaL2 = top.l2SizeInt();
  const cost = acceleratorCost({
    numPes: accel.numPes, simdLanes: accel.simdLanes, bitWidth: accel.bitWidth,
    bandwidth: accel.bandwidth, l1Size: areaL1, l2Size: areaL2,
  });
  const d = layer.dims;
  const absComputations = d.N * d.K * d.C * d.X * d.Y * d.R * d.S;
  return {
    levels, top, firstCompleted, areaL1, areaL2, cost,
    energy: energy(top, accel.bitWidth), absComputations, maxDividend: engine.maxDividend,
  };
}
