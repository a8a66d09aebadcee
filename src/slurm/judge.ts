/**
 * One configuration's state from every source there is, most trusted first: complete results,
 * then the scheduler (squeue, or sacct when accounting is on), then the exit record the job
 * wrote. A cluster without accounting forgets a job MinJobAge after it ends; the record then
 * tells how it ended.
 */

import type { FolderSummary } from '../results/folder-summary.js';
import type { ExitRecord, Submission } from './job-records.js';
import type { SchedulerEntry } from './scheduler.js';
import type { ConfigurationState } from './types.js';

export interface Evidence {
  /** Whether the configuration's results are complete. */
  readonly complete: boolean;
  readonly submission: Submission | undefined;
  readonly scheduler: SchedulerEntry | undefined;
  readonly exit: ExitRecord | undefined;
  /** Whether squeue answered, so that a job it does not list is really gone. */
  readonly schedulerAnswered: boolean;
  /** What the results folder holds, when it was read; it explains an incomplete folder. */
  readonly folder?: FolderSummary;
}

export interface Verdict {
  readonly state: ConfigurationState;
  /** Why: what the job waits for, where it runs, or how it ended. */
  readonly detail: string;
  readonly source: 'results' | 'squeue' | 'sacct' | 'exit record' | 'none';
}

/** SLURM states of a job that has not started. */
const WAITING = ['PENDING', 'REQUEUED', 'REQUEUE_FED', 'REQUEUE_HOLD', 'RESV_DEL_HOLD'];

/** SLURM states of a job that has started and not ended. */
const ACTIVE = ['RUNNING', 'CONFIGURING', 'COMPLETING', 'STAGE_OUT', 'SIGNALING', 'RESIZING'];

/** How SLURM's final states read to a user, and what to do about them. */
const ENDINGS: Readonly<Record<string, string>> = {
  CANCELLED: 'cancelled (scancel, or an administrator)',
  OUT_OF_MEMORY: 'out of memory; ask for more with --sbatch-arg=--mem=SIZE',
  NODE_FAIL: 'its node failed; submit again',
  PREEMPTED: 'preempted by a higher-priority job; submit again',
  BOOT_FAIL: 'its node failed to boot; submit again',
  DEADLINE: 'reached its deadline before it could run',
  REVOKED: 'revoked by another cluster (federation)',
};

export function judge(e: Evidence): Verdict {
  if (e.complete) {
    const by = e.submission ? ` (job ${e.submission.jobId})` : '';
    return { state: 'done', detail: `results complete${by}`, source: 'results' };
  }
  if (!e.submission) return fromFolder(e.folder);
  const verdict = fromJob(e, e.submission.jobId);
  // A job cannot use a folder whose run.json is unreadable: that is why it failed.
  if (verdict.state === 'failed' && e.folder?.state === 'unreadable') {
    return { ...verdict, detail: `${verdict.detail}; results unreadable: ${e.folder.problem}` };
  }
  return verdict;
}

function fromJob(e: Evidence, jobId: string): Verdict {
  if (e.scheduler) return fromScheduler(e, e.scheduler);
  if (e.exit) return fromExitRecord(e, e.exit);
  if (e.schedulerAnswered) {
    return {
      state: 'failed',
      detail: `job ${jobId} left the queue without starting (cancelled while queued?)`,
      source: 'none',
    };
  }
  return { state: 'pending', detail: `job ${jobId}; no scheduler here to ask`, source: 'none' };
}

/** A configuration never submitted from here: what its folder says, if anything. */
function fromFolder(folder: FolderSummary | undefined): Verdict {
  const source = 'results';
  switch (folder?.state) {
    case undefined:
    case 'missing':
      return { state: 'pending', detail: 'not submitted', source: 'none' };
    case 'unreadable':
      return { state: 'failed', detail: `results unreadable: ${folder.problem}`, source };
    case 'foreign':
      return {
        state: 'failed',
        detail: `holds ${folder.files.join(', ')} without run.json (another tool wrote it); ` +
          'a run refuses the folder without --force',
        source,
      };
    case 'partial':
    case 'complete': {
      const trials = `${folder.done} of ${folder.requested} trial(s)`;
      if (folder.writer !== undefined) {
        return {
          state: 'running',
          detail: `${trials} done; written by process ${folder.writer.pid} on this host since ` +
            folder.writer.startedAt,
          source,
        };
      }
      return {
        state: 'pending',
        detail: `${trials} done; not submitted (run it again with --resume to finish)`,
        source,
      };
    }
  }
}

function fromScheduler(e: Evidence, s: SchedulerEntry): Verdict {
  const job = `job ${e.submission?.jobId}`;
  const source = s.source;
  if (WAITING.includes(s.state)) {
    const why = s.reason ? ` (${s.reason})` : '';
    return { state: 'pending', detail: `${job} queued${why}`, source };
  }
  if (s.state === 'SUSPENDED') return { state: 'running', detail: `${job} suspended`, source };
  if (ACTIVE.includes(s.state)) {
    const where = s.nodes ? ` on ${s.nodes}` : '';
    const since = s.elapsed ? ` for ${s.elapsed}` : '';
    return { state: 'running', detail: `${job} running${where}${since}`, source };
  }
  if (s.state === 'COMPLETED') return finishedCleanly(`${job} exited 0`, source);
  if (s.state === 'FAILED') {
    const code = exitCodeOf(s.exitCode) ?? e.exit?.exitCode ?? undefined;
    const how = code === undefined ? 'failed' : `exited with ${code}`;
    return { state: 'failed', detail: `${job} ${how}`, source };
  }
  if (s.state === 'TIMEOUT') {
    const limit = e.submission ? ` (${e.submission.timeLimit})` : '';
    return {
      state: 'failed',
      detail: `${job} reached its time limit${limit}; resubmit with a longer --time to resume`,
      source,
    };
  }
  const ending = ENDINGS[s.state] ?? s.state.toLowerCase();
  return { state: 'failed', detail: `${job} ${ending}`, source };
}

function fromExitRecord(e: Evidence, r: ExitRecord): Verdict {
  const job = `job ${r.jobId}`;
  const source = 'exit record';
  if (r.state === 'running') {
    if (e.schedulerAnswered) {
      return {
        state: 'failed',
        detail: `${job} ended without recording how (killed after SIGTERM, or its node died)`,
        source,
      };
    }
    return { state: 'running', detail: `${job} started on ${r.host} at ${r.at}`, source };
  }
  if (r.exitCode === 0) return finishedCleanly(`${job} exited 0`, source);
  const asked = r.signal === 'TERM' ? ' after SLURM sent SIGTERM (time limit or scancel)' : '';
  return { state: 'failed', detail: `${job} exited with ${r.exitCode}${asked}`, source };
}

/**
 * Complete results were handled first, so a clean exit here left them incomplete: `single`
 * was told to run fewer trials, or its folder was changed since.
 */
function finishedCleanly(detail: string, source: Verdict['source']): Verdict {
  return { state: 'failed', detail: `${detail} but its results are incomplete`, source };
}

/** `3:0` (code:signal) as sacct prints it: the code, or undefined when absent. */
function exitCodeOf(text: string | undefined): number | undefined {
  const match = text ? /^(\d+):/.exec(text) : null;
  return match ? Number(match[1]) : undefined;
}
