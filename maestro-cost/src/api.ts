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
import type { Accelerator, CostResult, CostSummary, Layer, Mapping } from './types.js';
import { judge } from './verdict.js';

function summarize(run: ModelRun): CostSummary {
  const verdict = judge(run);
  if (!verdict.valid) {
    return {
      valid: false, reason: verdict.reason, invalidKind: verdict.invalidKind,
      delay: 0, energy: 0, area: 0, power: 0, throughput: 0,
    };
  }
  return {
    valid: true,
    delay: run.top.runtime,
    energy: run.energy.total,
    area: run.cost.area,
    power: run.cost.power,
    throughput: throughput(run.top),
  };
}

function withMetrics(run: ModelRun): CostResult {
  const metrics = metricMap(run.top, run.energy, run.absComputations, run.cost.area);
  return { ...summarize(run), metrics };
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
