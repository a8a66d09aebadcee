import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { ExitRecord, Submission } from '../../src/slurm/job-records.js';
import { judge, type Evidence } from '../../src/slurm/judge.js';
import type { SchedulerEntry } from '../../src/slurm/scheduler.js';

const submission: Submission = {
  key: 'Edge-Spotlight-EDP-VGG16',
  configuration: { scale: 'Edge', technique: 'Spotlight', target: 'EDP', model: 'VGG16' },
  jobId: '17',
  partition: 'debug',
  timeLimit: '07:59:59',
  script: 'slurm/scripts/Edge-Spotlight-EDP-VGG16.sbatch',
  submittedAt: '2025-01-01T00:00:00.000Z',
};

const base: Evidence = {
  complete: false,
  submission,
  scheduler: undefined,
  exit: undefined,
  schedulerAnswered: true,
};

const queue = (state: string, more: Partial<SchedulerEntry> = {}): SchedulerEntry => ({
  state,
  source: 'squeue',
  ...more,
});

const exited = (exitCode: number | null, more: Partial<ExitRecord> = {}): ExitRecord => ({
  jobId: '17',
  state: 'exited',
  exitCode,
  signal: '',
  host: 'node1',
  at: '2025-01-01T01:00:00Z',
  ...more,
});

describe('the state of a configuration', () => {
  it('is done when its results are complete, whatever the jobs say', () => {
    const v = judge({ ...base, complete: true, scheduler: queue('FAILED') });
    assert.deepEqual(v, { state: 'done', detail: 'results complete (job 17)', source: 'results' });
    const local = judge({ ...base, complete: true, submission: undefined });
    assert.equal(local.detail, 'results complete');
  });

  it('is pending, not submitted, when no job was ever submitted', () => {
    assert.equal(judge({ ...base, submission: undefined }).detail, 'not submitted');
    assert.equal(judge({ ...base, submission: undefined }).state, 'pending');
  });

  it('is pending while queued, with the scheduler\'s reason', () => {
    const v = judge({ ...base, scheduler: queue('PENDING', { reason: 'Priority' }) });
    assert.deepEqual(v, { state: 'pending', detail: 'job 17 queued (Priority)', source: 'squeue' });
  });

  it('is running with its node and elapsed time', () => {
    const v = judge({ ...base, scheduler: queue('RUNNING', { nodes: 'n3', elapsed: '1:02' }) });
    assert.deepEqual(v, {
      state: 'running',
      detail: 'job 17 running on n3 for 1:02',
      source: 'squeue',
    });
  });

  it('is failed with the exit code, from sacct or else from the exit record', () => {
    const sacct = queue('FAILED', { exitCode: '3:0', source: 'sacct' });
    assert.deepEqual(judge({ ...base, scheduler: sacct }), {
      state: 'failed',
      detail: 'job 17 exited with 3',
      source: 'sacct',
    });
    const fromRecord = judge({ ...base, scheduler: queue('FAILED'), exit: exited(5) });
    assert.equal(fromRecord.detail, 'job 17 exited with 5');
  });

  it('names the exit reason of jobs SLURM ended', () => {
    assert.equal(
      judge({ ...base, scheduler: queue('TIMEOUT') }).detail,
      'job 17 reached its time limit (07:59:59); resubmit with a longer --time to resume',
    );
    assert.equal(
      judge({ ...base, scheduler: queue('OUT_OF_MEMORY') }).detail,
      'job 17 out of memory; ask for more with --sbatch-arg=--mem=SIZE',
    );
    assert.equal(
      judge({ ...base, scheduler: queue('CANCELLED') }).detail,
      'job 17 cancelled (scancel, or an administrator)',
    );
  });

  it('is failed when the job exited 0 but left its results incomplete', () => {
    assert.deepEqual(judge({ ...base, scheduler: queue('COMPLETED') }), {
      state: 'failed',
      detail: 'job 17 exited 0 but its results are incomplete',
      source: 'squeue',
    });
  });

  it('falls back on the exit record once the scheduler has forgotten the job', () => {
    assert.deepEqual(judge({ ...base, exit: exited(0) }), {
      state: 'failed',
      detail: 'job 17 exited 0 but its results are incomplete',
      source: 'exit record',
    });
    assert.equal(
      judge({ ...base, exit: exited(143, { signal: 'TERM' }) }).detail,
      'job 17 exited with 143 after SLURM sent SIGTERM (time limit or scancel)',
    );
  });

  it('is failed when a started job vanished without recording its end', () => {
    const v = judge({ ...base, exit: exited(null, { state: 'running' }) });
    assert.equal(v.state, 'failed');
    assert.match(v.detail, /ended without recording how/);
  });

  it('trusts a started record when no scheduler answered', () => {
    const started = exited(null, { state: 'running' });
    const v = judge({ ...base, schedulerAnswered: false, exit: started });
    assert.deepEqual(v, {
      state: 'running',
      detail: 'job 17 started on node1 at 2025-01-01T01:00:00Z',
      source: 'exit record',
    });
  });

  it('tells a job that left the queue unstarted from one nobody can ask about', () => {
    assert.equal(judge(base).state, 'failed');
    assert.match(judge(base).detail, /left the queue without starting/);
    const unknown = judge({ ...base, schedulerAnswered: false });
    assert.deepEqual(unknown, {
      state: 'pending',
      detail: 'job 17; no scheduler here to ask',
      source: 'none',
    });
  });
});
