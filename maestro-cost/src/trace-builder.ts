/**
 * Builds an `AnalysisTrace`: records the top-level cases while the engine runs, and renders
 * the static level data in the golden stage file's shape (names instead of indices, tables in
 * the reference's sorted key order).
 */
import type { LevelPlan } from './clusters.js';
import type { CaseRecorder } from './engine.js';
import { type CaseState, IterationSpace, STATE_NAMES } from './iteration.js';
import { DIM_NAMES, DIM_SLOTS, FILTER, INPUT, OUTPUT, TABLE_ORDER } from './layer.js';
import type { ModelRun } from './model.js';
import { plainZero } from './numeric.js';
import type { LevelResult } from './results.js';
import { SPATIAL } from './reuse.js';
import type {
  AnalysisTrace, BufferTrace, CaseTrace, DimRecord, DirectiveStatesTrace, LevelTrace,
} from './trace.js';
import type { Directive } from './types.js';

function kindName(kind: number): 'spatial' | 'temporal' {
  return kind === SPATIAL ? 'spatial' : 'temporal';
}

/** Dims present in `mask`, in table order. */
function dimRecord(dims: Int32Array, mask: number): DimRecord {
  const record: DimRecord = {};
  for (const v of TABLE_ORDER) if (((mask >> v) & 1) === 1) record[DIM_NAMES[v]] = dims[v];
  return record;
}

export class TopCaseRecorder implements CaseRecorder {
  readonly cases: CaseTrace[] = [];

  begin(top: LevelPlan, state: CaseState): CaseTrace {
    const states: CaseTrace['states'] = {};
    for (let i = 0; i < top.count; i++) {
      const v = top.dim[i];
      states[DIM_NAMES[v]] = STATE_NAMES[state.position[v]];
    }
    const record: CaseTrace = { states, occ: state.occurrences, skipped: null };
    this.cases.push(record);
    return record;
  }

  sub(record: CaseTrace, see: boolean, mult: number, result: LevelResult,
    dims: Int32Array): void {
    const subDims = dimRecord(dims, (1 << DIM_SLOTS) - 1);
    record.sub!.push({ see, mult, runtime: result.runtime, dims: subDims });
  }
}

function levelTrace(lv: LevelPlan): LevelTrace {
  const directives: LevelTrace['directives'] = [];
  for (let i = 0; i < lv.count; i++) {
    directives.push({
      kind: kindName(lv.kind[i]), dim: DIM_NAMES[lv.dim[i]], size: lv.tile[i],
      offset: lv.offset[i],
    });
  }
  const reuse: LevelTrace['reuse'] = {};
  for (const v of TABLE_ORDER) {
    if (((lv.present >> v) & 1) === 0) continue;
    reuse[DIM_NAMES[v]] = { m: lv.m[v], u: lv.u[v], me: lv.me[v], ue: lv.ue[v] };
  }
  return {
    size: lv.size, nec: lv.nec, directives, dims: dimRecord(lv.dims, lv.dimsPresent), reuse,
  };
}

/** The top directives' states on the top dims, as the first analysis call sees them. */
function topStates(top: LevelPlan): DirectiveStatesTrace[] {
  const space = new IterationSpace(top);
  space.build(top.dims);
  const result: DirectiveStatesTrace[] = [];
  for (let i = 0; i < top.count; i++) {
    const states: DirectiveStatesTrace['states'] = [];
    for (let k = 0; k < space.stateCount[i]; k++) {
      const slot = i * 3 + k;
      states.push({
        state: STATE_NAMES[space.position[slot]],
        occ: space.occurrences[slot],
        unrolled: space.unrolled[slot] === 1,
        initEdge: space.initEdge[slot] === 1,
        see: space.see[slot] === 1,
      });
    }
    result.push({ dim: DIM_NAMES[top.dim[i]], kind: kindName(top.kind[i]), states });
  }
  return result;
}

function bufferTrace(run: ModelRun): BufferTrace {
  const tensor = (t: number) => ({
    l1: plainZero(run.top.l1Size[t]), l2: plainZero(run.top.l2Size[t]),
    l1ForArea: plainZero(run.firstCompleted.l1Size[t]),
  });
  return {
    input: tensor(INPUT), filter: tensor(FILTER), output: tensor(OUTPUT),
    areaL1: run.areaL1, areaL2: run.areaL2,
  };
}

/** The engine's doubles can hold -0 where C has 0; report plain zeros. */
function withPlainZeros(record: CaseTrace): CaseTrace {
  const copy: Record<string, unknown> = { ...record };
  for (const [key, value] of Object.entries(copy)) {
    if (typeof value === 'number') copy[key] = plainZero(value);
  }
  return copy as unknown as CaseTrace;
}

export function buildTrace(directives: Directive[], run: ModelRun,
  recorder: TopCaseRecorder): AnalysisTrace {
  return {
    directives: directives.map((d) => ({ ...d })),
    levels: run.levels.map(levelTrace),
    topStates: topStates(run.levels[0]),
    topCasesCount: recorder.cases.length,
    topCases: recorder.cases.map(withPlainZeros),
    bufferReq: bufferTrace(run),
    maxDividend: run.maxDividend,
  };
}
