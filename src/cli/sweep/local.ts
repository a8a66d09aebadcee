/**
 * A sweep run on this machine: the configurations that still have work run `--jobs` at a
 * time, all sharing one pool of worker threads, each exactly as `spotlight single` with the
 * same words would run it.
 */

import type { Logger } from '../../log/logger.js';
import { createProgress, type Progress, type ProgressMode } from '../../log/progress.js';
import { createExecutor } from '../../search/index.js';
import type { ConfigurationPlan } from '../../sweep/completion.js';
import { configurationKey } from '../../sweep/matrix.js';
import type { CommandContext } from '../context.js';
import { runConfiguration } from '../single/run.js';
import type { SweepRow } from './summary.js';

export interface LocalSweepOptions {
  readonly plans: readonly ConfigurationPlan[];
  readonly jobs: number;
  readonly workers: number;
  readonly force: boolean;
  readonly log: Logger;
  readonly progressMode: ProgressMode;
  readonly signal: AbortSignal;
  readonly context: CommandContext;
  /** Clears and redraws the shared progress line around log lines. */
  readonly attachProgress: (progress: Progress | undefined) => void;
}

export async function runSweepLocally(options: LocalSweepOptions): Promise<SweepRow[]> {
  const { plans, log } = options;
  const rows = new Map<string, SweepRow>();
  const queue = [...plans];
  const executor = createExecutor(options.workers);
  // With several configurations at once a redrawn line cannot show them all: plain lines.
  const mode: ProgressMode =
    options.jobs > 1 && options.progressMode === 'bar' ? 'lines' : options.progressMode;

  const runNext = async (): Promise<void> => {
    for (let plan = queue.shift(); plan !== undefined; plan = queue.shift()) {
      const key = configurationKey(plan.configuration);
      if (options.signal.aborted) {
        rows.set(key, { key, state: 'not started', detail: 'interrupted before it began' });
        continue;
      }
      rows.set(key, await runOne(plan, key));
    }
  };

  const runOne = async (plan: ConfigurationPlan, key: string): Promise<SweepRow> => {
    const resolved = plan.resolved;
    const progress = createProgress({
      stream: options.context.err,
      mode,
      targetName: resolved.target,
      label: options.jobs > 1 ? key : undefined,
    });
    options.attachProgress(progress);
    log.info(`${key}: starting (${resolved.trials} trial(s)) in ${resolved.resultsDir}`);
    try {
      const outcome = await runConfiguration(resolved, {
        executor,
        log: log.child(key),
        progress,
        signal: options.signal,
        command: ['spotlight', ...plan.argv],
        resume: true,
        force: options.force,
      });
      const state = outcome.interrupted ? 'interrupted' : 'done';
      return {
        key,
        state,
        trials: `${outcome.complete}/${outcome.requested}`,
        target: resolved.target,
        best: outcome.best,
        detail: outcome.resultsDir,
      };
    } catch (error) {
      const message = error instanceof Error ? error.message : String(error);
      log.error(`${key}: failed: ${message}`);
      return { key, state: 'failed', detail: message.split('\n')[0] };
    } finally {
      progress.stop();
      options.attachProgress(undefined);
    }
  };

  try {
    const lanes = Math.min(options.jobs, Math.max(1, queue.length));
    await Promise.all(Array.from({ length: lanes }, () => runNext()));
  } finally {
    await executor.close();
  }
  return plans.map((plan) => rows.get(configurationKey(plan.configuration)) as SweepRow);
}
