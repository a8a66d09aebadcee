import {
  evaluateSummary,
  MaestroInputError,
  parseDataflow,
  type CostSummary,
  type Directive,
  type Layer,
} from '../../maestro-cost/src/index.js';
import type { Rng } from '../optim/index.js';
// Space modules are imported one by one, not through the space index, so a worker thread does
// not load the reference-format parsers (and zod): a fifth of a worker's start-up time.
import { toCostModelCall } from '../space/cost-model-call.js';
import type { HardwarePoint } from '../space/hardware.js';
import { permuteOuterDirectives, randomOuterPermutation } from '../space/outer-order.js';
import type { SoftwarePoint } from '../space/software.js';
import type { LayerCost } from './objective.js';

/** Why a schedule was rejected; counted per search and reported. */
export type Infeasibility = 'model-invalid' | 'area' | 'power' | 'input';

export const INFEASIBILITIES: readonly Infeasibility[] = [
  'model-invalid', 'area', 'power', 'input',
];

export type PointEvaluation =
  | { readonly feasible: true; readonly cost: LayerCost; readonly directives: string }
  | {
    readonly feasible: false;
    readonly reason: Infeasibility;
    readonly detail: string;
    /** For `input`: the cost-model field refused (`layer.dims.R`, `mapping.directives`). */
    readonly field?: string;
  };

export interface EvaluationLimits {
  readonly maxArea: number;
  readonly maxPower: number;
  /** Random outer-level orders to try for a searched schedule (the given order if 0). */
  readonly outerOrders: number;
}

/** What one outer order gave: the cost model's summary, or why it refused the input. */
export type OrderOutcome = CostSummary | { readonly refused: string; readonly field?: string };

/**
 * Evaluates one schedule of one layer on one accelerator, as the reference does: a searched
 * schedule is tried under `outerOrders` random orders of its outer level and the best order
 * is kept (see `bestOrderIndex`). Then the area and power budgets apply to that order.
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
    ? Array.from(
      { length: limits.outerOrders },
      () => permuteOuterDirectives(base, randomOuterPermutation(rng)),
    )
    : [base];
  const outcomes = orders.map((directives): OrderOutcome => {
    try {
      return evaluateSummary(call.layer, call.accelerator, { directives });
    } catch (error) {
      const { detail, field } = inputProblem(error);
      return { refused: detail, field };
    }
  });
  const modelCalls = orders.length;

  const chosen = bestOrderIndex(outcomes);
  if (chosen < 0) {
    // Name the model's verdict if any order reached one; refusals only if all were refused.
    const verdict = outcomes.find((o): o is CostSummary => !('refused' in o));
    return verdict
      ? { feasible: false, reason: 'model-invalid', detail: verdictReason(verdict), modelCalls }
      : { ...refusal(outcomes[0]), modelCalls };
  }

  const { delay, energy, area, power, throughput } = outcomes[chosen] as CostSummary;
  if (area > limits.maxArea) {
    const detail = `area ${area} um^2 exceeds max-area ${limits.maxArea}`;
    return { feasible: false, reason: 'area', detail, modelCalls };
  }

  // The reference compares power with max-area here, which in effect never rejects anything;
  // this compares it with max-power, as its option describes.
  if (power > limits.maxPower) {
    const detail = `power ${power} mW exceeds max-power ${limits.maxPower}`;
    return { feasible: false, reason: 'power', detail, modelCalls };
  }
  const cost = { delay, energy, area, power, throughput };
  return { feasible: true, cost, directives: formatDirectives(orders[chosen]), modelCalls };
}

/**
 * Index of the order a schedule keeps, or -1 when none is valid: the valid order with the
 * lowest delay x energy, the earliest on a tie (the reference keeps the first minimum).
 *
 * Unlike the reference, an order the model finds invalid (no cycles, or a non-positive
 * energy, area or power) never wins: there such an order's product, zero or negative, could
 * win and sink a schedule that had valid orders. An order the cost model refuses as input
 * (e.g. a tile product that divides by zero, where the reference's library crashes) is
 * passed over the same way.
 */
export function bestOrderIndex(outcomes: readonly OrderOutcome[]): number {
  let best = -1;
  let bestProduct = Infinity;
  outcomes.forEach((outcome, index) => {
    if ('refused' in outcome || !outcome.valid) return;
    const product = outcome.delay * outcome.energy;
    if (best < 0 || product < bestProduct) {
      best = index;
      bestProduct = product;
    }
  });
  return best;
}

function verdictReason(summary: CostSummary): string {
  return summary.reason ?? 'the cost model found the mapping invalid';
}

function refusal(outcome: OrderOutcome): PointEvaluation {
  const detail = 'refused' in outcome ? outcome.refused : verdictReason(outcome);
  const field = 'refused' in outcome ? outcome.field : undefined;
  return { feasible: false, reason: 'input', detail, field };
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

function inputProblem(
  error: unknown,
): { feasible: false; reason: 'input'; detail: string; field: string } {
  if (error instanceof MaestroInputError) {
    return { feasible: false, reason: 'input', detail: error.message, field: error.field };
  }
  throw error;
}

/**
 * Whether a refused input is refused whatever the schedule: a field of the layer, or a scalar
 * of the accelerator. Mapping fields, and sub-cluster sizes (checked against the mapping's
 * cluster directives), depend on the schedule, so they are not.
 */
export function inputScope(field: string | undefined): 'layer' | 'accelerator' | 'schedule' {
  if (field === undefined) return 'schedule';
  if (field === 'layer' || field.startsWith('layer.')) return 'layer';
  if (/^accelerator\.(numPes|simdLanes|bitWidth|bandwidth|offchipBandwidth|hopLatency)$/
    .test(field)) {
    return 'accelerator';
  }
  return 'schedule';
}
