/**
 * Intermediate values of one evaluation, stage by stage, in the shape of the golden stage
 * file (`maestro-stages.jsonl`), so a mismatch can be pinned to the stage that first differs.
 * Built only by `analyze()`; the plain `evaluate()` path records nothing.
 */
import type { CostResult, Directive } from './types.js';

export type DimRecord = Record<string, number>;

export interface LevelTrace {
  size: number;
  nec: number;
  directives: { kind: 'spatial' | 'temporal'; dim: string; size: number; offset: number }[];
  dims: DimRecord;
  reuse: Record<string, { m: number; u: number; me: number; ue: number }>;
}

export interface StateTrace {
  state: 'Init' | 'Steady' | 'Edge';
  occ: number;
  unrolled: boolean;
  initEdge: boolean;
  see: boolean;
}

export interface DirectiveStatesTrace {
  dim: string;
  kind: 'spatial' | 'temporal';
  states: StateTrace[];
}

export interface SubAnalysisTrace {
  see: boolean;
  mult: number;
  runtime: number;
  dims: DimRecord;
}

/** One top-level case; fields the model did not reach for the case are absent. */
export interface CaseTrace {
  states: Record<string, 'Init' | 'Steady' | 'Edge'>;
  occ: number;
  bufferReq?: true;
  egress?: number;
  psums?: number;
  criticalPsums?: number;
  ingressInput?: number;
  ingressFilter?: number;
  ingress?: number;
  compDelay?: number;
  sub?: SubAnalysisTrace[];
  ingressDelay?: number;
  egressDelay?: number;
  outstandingDelay?: number;
  skipped: null | 'occ0' | 'npsum<=0' | 'comp==0';
}

export interface TensorBufferTrace {
  l1: number;
  l2: number;
  l1ForArea: number;
}

export interface BufferTrace {
  input: TensorBufferTrace;
  filter: TensorBufferTrace;
  output: TensorBufferTrace;
  areaL1: number;
  areaL2: number;
}

export interface AnalysisTrace {
  directives: Directive[];
  levels: LevelTrace[];
  topStates: DirectiveStatesTrace[];
  topCasesCount: number;
  topCases: CaseTrace[];
  bufferReq: BufferTrace;
  /** Largest magnitude of a long that fed a truncating division (exact below 2^52). */
  maxDividend: number;
}

export interface Analysis {
  result: CostResult;
  trace: AnalysisTrace;
}
