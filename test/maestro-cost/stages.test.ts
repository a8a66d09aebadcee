/**
 * Stage-by-stage agreement with the golden stage file (maestro-stages.jsonl, 300 cases), one
 * test per stage in model order, so the first failing test names the stage that differs.
 * Regenerate nothing here: the file comes from a bit-exact prototype of the reference.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { analyze } from '../../maestro-cost/src/index.js';
import type { AnalysisTrace, CaseTrace, CostResult } from '../../maestro-cost/src/index.js';
import { goldenCases, goldenStages, inputsOf } from './golden-cases.js';

interface Traced {
  id: string;
  expected: any;
  trace: AnalysisTrace;
  result: CostResult;
}

const byId = new Map(goldenCases().map((row) => [row.id, row]));
const traced: Traced[] = goldenStages().map((expected) => {
  const { layer, accel, mapping } = inputsOf(byId.get(expected.id)!);
  const { trace, result } = analyze(layer, accel, mapping);
  return { id: expected.id, expected, trace, result };
});

/** Compare one projection of every case; collect the ids that differ, show the first diff. */
function compareStage(project: (source: any) => unknown, ofTrace: (t: Traced) => unknown) {
  const differing: string[] = [];
  let firstDiff: unknown = null;
  for (const t of traced) {
    try {
      assert.deepEqual(ofTrace(t), project(t.expected));
    } catch (error) {
      differing.push(t.id);
      firstDiff ??= error;
    }
  }
  if (differing.length > 0) {
    assert.fail(`${differing.length} cases differ (${differing.slice(0, 10).join(', ')}):\n` +
      `${(firstDiff as Error).message}`);
  }
}

const CASE_VOLUMES = [
  'egress', 'psums', 'criticalPsums', 'ingressInput', 'ingressFilter', 'ingress',
] as const;
const CASE_DELAYS = ['compDelay', 'sub', 'ingressDelay', 'egressDelay', 'outstandingDelay'];

function pick(record: Record<string, unknown>, keys: readonly string[]) {
  return Object.fromEntries(keys.filter((k) => k in record).map((k) => [k, record[k]]));
}

test('stages: the file covers 300 cases', () => {
  assert.equal(traced.length, 300);
});

test('stage directives: the parsed directive list', () => {
  compareStage((s) => s.directives, (t) => t.trace.directives);
});

test('stage levels: sizes, edge-cluster counts, completed directives and static dims', () => {
  const shape = (levels: any[]) =>
    levels.map(({ size, nec, directives, dims }) => ({ size, nec, directives, dims }));
  compareStage((s) => shape(s.levels), (t) => shape(t.trace.levels));
});

test('stage reuse: the m/u/me/ue tables of every level', () => {
  compareStage((s) => s.levels.map((l: any) => l.reuse), (t) => t.trace.levels.map((l) => l.reuse));
});

test('stage topStates: iteration states of the top directives', () => {
  compareStage((s) => s.topStates, (t) => t.trace.topStates);
});

test('stage topCases: case order, states, occurrences and buffer-requirement runs', () => {
  const shape = (cases: CaseTrace[]) =>
    cases.map((c) => ({ states: c.states, occ: c.occ, bufferReq: c.bufferReq ?? false }));
  compareStage((s) => [s.topCasesCount, shape(s.topCases)],
    (t) => [t.trace.topCasesCount, shape(t.trace.topCases)]);
});

test('stage topCases volumes: egress, psums, critical psums and ingress per case', () => {
  const shape = (cases: CaseTrace[]) =>
    cases.map((c) => pick(c as unknown as Record<string, unknown>, CASE_VOLUMES));
  compareStage((s) => shape(s.topCases), (t) => shape(t.trace.topCases));
});

test('stage topCases delays: sub-analyses, compute, NoC and outstanding delay, skips', () => {
  const shape = (cases: CaseTrace[]) => cases.map((c) => ({
    ...pick(c as unknown as Record<string, unknown>, CASE_DELAYS), skipped: c.skipped,
  }));
  compareStage((s) => shape(s.topCases), (t) => shape(t.trace.topCases));
});

test('stage bufferReq: buffer requirements and the sizes fed to area and power', () => {
  compareStage((s) => s.bufferReq, (t) => t.trace.bufferReq);
});

test('stage result: the five returned numbers (exact for valid cases)', () => {
  const five = ['delay', 'energy', 'area', 'power', 'throughput'] as const;
  const differing: string[] = [];
  for (const t of traced) {
    if (!t.result.valid) {
      assert.equal(t.expected.result.delay, 0, t.id);
      continue;
    }
    for (const key of five) {
      const expected = t.expected.result[key];
      const error = Math.abs(t.result[key] - expected) / Math.abs(expected);
      if (!(error <= 1e-9)) differing.push(`${t.id} ${key}: ${t.result[key]} vs ${expected}`);
    }
  }
  assert.deepEqual(differing, []);
});
