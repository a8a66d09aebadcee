import {
  evaluateSummary,
  MaestroInputError,
  parseDataflow,
  type Directive,
  type Layer,
} from '../../maestro-cost/src/index.js';
import type { Rng } from '../optim/index.js';
import {
  permuteOuterDirectives,
  randomOuterPermutation,
  toCostModelCall,
  type HardwarePoint,
  type SoftwarePoint,
} from '../space/index.js';
import type { LayerCost } from './objective.js';

/** Why a schedule was rejected; counted per search and reported. */
export type Infeasibility = 'model-invalid' | 'area' | 'power' | 'input';

export const INFEASIBILITIES: readonly Infeasibility[] = [
  'model-invalid', 'area', 'power', 'input',
];

export type PointEvaluation =
  | { readonly feasible: true; readonly cost: LayerCost; readonly directives: string }
  | { readonly feasible: false; readonly reason: Infeasibility; readonly detail: string };

export interface EvaluationLimits {
  readonly maxArea: number;
  readonly maxPower: number;
  /** Random outer-level orders to try for a searched schedule (the given order if 0). */
  readonly outerOrders: number;
}

/**
 * Evaluates one schedule of one layer on one accelerator, as the reference does: a searched
 * schedule is tried under `outerOrders` random orders of its outer level and the best order
 * (lowest delay x energy, the first on a tie) is kept. Then the area and power budgets apply.
 *
 * Unlike the reference, an order the model finds invalid (no cycles, or a non-positive
 * energy, area or power) never wins over a valid one; there such an order could win and sink
 * the whole schedule. An order the cost model refuses as input (e.g. a tile product that
 * would divide by zero, where the reference's library crashes) counts as one more invalid
 * order, so the schedule is rejected as `input` only when no order was even evaluable.
 */
export function evaluatePoint(
  layer: Layer,
  hardware: HardwarePoint,
  software: SoftwarePoint,
  limits: EvaluationLimits,
  rng: Rng,
): PointEvaluation & { readonly modelCalls: number } {
  const call = toCostModelCall(layer, hardware, software);
  let base: Directive[];
  try {
    base = parseDataflow(call.dataflow, call.accelerator.subClusters).directives;
  } catch (error) {
    return { ...inputProblem(error), modelCalls: 0 };
  }

  const orders = call.outerOrderSearchable && limits.outerOrders > 0
    ? Array.from({ length: limits.outerOrders }, () => randomOuterPermutation(rng))
    : [null];
  const modelCalls = orders.length;

  let best: { cost: LayerCost; directives: Directive[] } | undefined;
  let invalid: string | undefined;
  let refused: string | undefined;
  for (const order of orders) {
    const directives = order ? permuteOuterDirectives(base, order) : base;
    let summary;
    try {
      summary = evaluateSummary(call.layer, call.accelerator, { directives });
    } catch (error) {
      refused = inputProblem(error).detail;
      continue;
    }
    if (!summary.valid) {
      invalid = summary.reason ?? 'the cost model found the mapping invalid';
      continue;
    }
    if (!best || summary.delay * summary.energy < best.cost.delay * best.cost.energy) {
      const { delay, energy, area, power, throughput } = summary;
      best = { cost: { delay, energy, area, power, throughput }, directives };
    }
  }

  if (!best) {
    return invalid !== undefined
      ? { feasible: false, reason: 'model-invalid', detail: invalid, modelCalls }
      : { feasible: false, reason: 'input', detail: refused!, modelCalls };
  }

  const { cost } = best;
  if (cost.area > limits.maxArea) {
    const detail = `area ${cost.area} um^2 exceeds max-area ${limits.maxArea}`;
    return { feasible: false, reason: 'area', detail, modelCalls };
  }

  // The reference compares power with max-area here, which in effect never rejects anything;
  // this compares it with max-power, as its option describes.
  if (cost.power > limits.maxPower) {
    const detail = `power ${cost.power} mW exceeds max-power ${limits.maxPower}`;
    return { feasible: false, reason: 'power', detail, modelCalls };
  }
  return { feasible: true, cost, directives: formatDirectives(best.directives), modelCalls };
}

/** The compact directive list of a mapping, as the golden data and the reference spell it. */
export function formatDirectives(directives: readonly Directive[]): string {
  return directives
    .map((d) => {
      if (d.kind === 'cluster') return 'C';
      return `${d.kind === 'spatial' ? 'S' : 'T'}${d.dim}|${d.size}`;
    })
    .join(',');
}

function inputProblem(error: unknown): { feasible: false; reason: 'input'; detail: string } {
  if (error instanceof MaestroInputError) {
    return { feasible: false, reason: 'input', detail: error.message };
  }
  throw error;
}
