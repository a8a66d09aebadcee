/**
 * Public entry points. `evaluate` returns the five numbers plus the metric set,
 * `evaluateSummary` only the five numbers (cheaper), `analyze` adds a stage-by-stage trace.
 * All three throw `MaestroInputError` on inputs the reference cannot evaluate, and report
 * infeasible design points as `valid: false` with a reason (the five numbers are then 0).
 */
import { metricMap, throughput } from './metrics.js';
import { type ModelRun, runModel } from './model.js';
import type { Analysis } from './trace.js';
import { TopCaseRecorder, buildTrace } from './trace-builder.js';
import type {
  Accelerator, CostResult, CostSummary, InvalidKind, Layer, Mapping,
} from './types.js';
import { judge } from './verdict.js';

/**
 * Valid and invalid summaries share one object shape (the same properties in the same order;
 * `reason` and `invalidKind` are undefined on a valid one), so the callers' property reads
 * stay monomorphic.
 */
function summary(valid: boolean, reason: string | undefined, invalidKind: InvalidKind | undefined,
  delay: number, energy: number, area: number, power: number, throughput: number): CostSummary {
  return { valid, reason, invalidKind, delay, energy, area, power, throughput };
}

function summarize(run: ModelRun): CostSummary {
  const verdict = judge(run);
  if (!verdict.valid) return summary(false, verdict.reason, verdict.invalidKind, 0, 0, 0, 0, 0);
  return summary(true, undefined, undefined, run.top.runtime, run.energy.total, run.cost.area,
    run.cost.power, throughput(run.top));
}

function withMetrics(run: ModelRun): CostResult {
  const s = summarize(run);
  const metrics = metricMap(run.top, run.energy, run.absComputations, run.cost.area);
  return {
    valid: s.valid, reason: s.reason, invalidKind: s.invalidKind, delay: s.delay,
    energy: s.energy, area: s.area, power: s.power, throughput: s.throughput, metrics,
  };
}

/** Delay, energy, area, power and throughput of a layer on an accelerator with a mapping. */
export function evaluateSummary(layer: Layer, accel: Accelerator, mapping: Mapping): CostSummary {
  return summarize(runModel(layer, accel, mapping));
}

/** As `evaluateSummary`, plus the reference's full metric set (finite values only). */
export function evaluate(layer: Layer, accel: Accelerator, mapping: Mapping): CostResult {
  return withMetrics(runModel(layer, accel, mapping));
}

/** As `evaluate`, plus the intermediate values of every stage (for tests and debugging). */
export function analyze(layer: Layer, accel: Accelerator, mapping: Mapping): Analysis {
  const recorder = new TopCaseRecorder();
  const run = runModel(layer, accel, mapping, recorder);
  return { result: withMetrics(run), trace: buildTrace(mapping.directives, run, recorder) };
}
