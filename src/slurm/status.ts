/**
 * `spotlight status`: every configuration of a sweep with its state (pending, running, done,
 * failed) and why. The scheduler is asked when there is one; without it (another machine, a
 * dead controller) the state comes from the results folder and the jobs' exit records.
 */

import { findResultFolders, summariseResultFolder } from '../results/folder-summary.js';
import type { FolderSummary } from '../results/folder-summary.js';
import { resultDir } from '../results/layout.js';
import { SlurmError } from './errors.js';
import { judge, type Verdict } from './judge.js';
import { latestByKey, readExitRecord, readSubmissions, type Submission } from './job-records.js';
import { logPaths, slurmLayout, type SlurmLayout } from './layout.js';
import { resultsComplete } from './results-probe.js';
import {
  accountingStates,
  queueStates,
  type SchedulerEntry,
  type SchedulerOptions,
} from './scheduler.js';
import {
  QUIET,
  configurationKey,
  type CompletionProbe,
  type ConfigurationState,
  type SlurmConfiguration,
  type SlurmLogger,
} from './types.js';

export interface StatusOptions<C extends SlurmConfiguration> extends SchedulerOptions {
  readonly resultsDir: string;
  /**
   * The sweep's configurations, in the order to list them. @default every configuration
   * submitted from this results folder, in submission order, then every other configuration
   * folder found under it (a local run), in name order
   */
  readonly configurations?: readonly C[];
  /**
   * Whether a configuration's results are complete.
   * @default run.json in the configuration's folder lists every requested trial
   */
  readonly isComplete?: CompletionProbe<C>;
  /**
   * What a configuration's folder holds, to explain an incomplete one.
   * @default read from the configuration's folder under resultsDir
   */
  readonly describeFolder?: (configuration: SlurmConfiguration) => Promise<FolderSummary>;
  readonly logger?: SlurmLogger;
}

export interface ConfigurationStatus {
  readonly key: string;
  readonly configuration: SlurmConfiguration;
  readonly state: ConfigurationState;
  readonly detail: string;
  readonly source: Verdict['source'];
  /** The newest job of the configuration, if it was ever submitted. */
  readonly jobId?: string;
  /** The job's stderr file, where a failure explains itself. */
  readonly errorLog?: string;
}

export async function sweepStatus<C extends SlurmConfiguration>(
  options: StatusOptions<C>,
): Promise<ConfigurationStatus[]> {
  const layout = slurmLayout(options.resultsDir);
  const latest = latestByKey(await readSubmissions(layout));
  const logger = options.logger ?? QUIET;
  const configurations: SlurmConfiguration[] = options.configurations
    ? [...options.configurations]
    : await submittedAndFound(options.resultsDir, [...latest.values()]);
  const scheduler = await askScheduler([...latest.values()], options, logger);
  const isComplete = options.isComplete ?? resultsComplete(options.resultsDir);
  const describeFolder = options.describeFolder ??
    ((c: SlurmConfiguration) => summariseResultFolder(resultDir(options.resultsDir, c)));
  return Promise.all(
    configurations.map(async (c) =>
      statusOf(c, latest.get(configurationKey(c)), layout, scheduler, isComplete,
        await describeFolder(c)),
    ),
  );
}

/** The submitted configurations, then the folders of the others (run locally, say). */
async function submittedAndFound(
  resultsDir: string,
  submissions: readonly Submission[],
): Promise<SlurmConfiguration[]> {
  const listed = submissions.map((s) => s.configuration as unknown as SlurmConfiguration);
  const keys = new Set(listed.map(configurationKey));
  for (const found of await findResultFolders(resultsDir)) {
    if (!keys.has(configurationKey(found))) listed.push(found);
  }
  return listed;
}

export interface SchedulerView {
  readonly entries: Map<string, SchedulerEntry>;
  /** Whether squeue answered, so a job it does not list has really left the queue. */
  readonly answered: boolean;
}

/**
 * The jobs' states from squeue, then sacct for those squeue has forgotten. A scheduler that
 * cannot be asked is not an error here: the state then comes from files, and a warning says so.
 */
export async function askScheduler(
  submissions: readonly Submission[],
  options: SchedulerOptions,
  logger: SlurmLogger,
): Promise<SchedulerView> {
  const ids = submissions.map((s) => s.jobId);
  if (ids.length === 0) return { entries: new Map(), answered: true };
  let entries: Map<string, SchedulerEntry>;
  try {
    entries = await queueStates(ids, options);
  } catch (error) {
    if (!(error instanceof SlurmError)) throw error;
    logger.warn(`${error.message}; states come from the results folder instead`);
    return { entries: new Map(), answered: false };
  }
  const forgotten = ids.filter((id) => !entries.has(id));
  const accounted = await accountingStates(forgotten, options);
  if (accounted === undefined) {
    logger.debug('sacct has no accounting here; finished jobs are read from their exit records');
  } else {
    for (const [id, entry] of accounted) if (!entries.has(id)) entries.set(id, entry);
  }
  return { entries, answered: true };
}

export async function statusOf<C extends SlurmConfiguration>(
  configuration: SlurmConfiguration,
  submission: Submission | undefined,
  layout: SlurmLayout,
  scheduler: SchedulerView,
  isComplete: CompletionProbe<C>,
  folder?: FolderSummary,
): Promise<ConfigurationStatus> {
  const key = configurationKey(configuration);
  const complete = await isComplete(configuration as C);
  const jobId = submission?.jobId;
  const verdict = judge({
    complete,
    submission,
    scheduler: jobId ? scheduler.entries.get(jobId) : undefined,
    exit: jobId ? await readExitRecord(layout, key, jobId) : undefined,
    schedulerAnswered: scheduler.answered,
    folder,
  });
  return {
    key,
    configuration,
    ...verdict,
    jobId,
    errorLog: jobId ? logPaths(layout, key, jobId).err : undefined,
  };
}

const STATES: readonly ConfigurationState[] = ['done', 'running', 'pending', 'failed'];

/** A plain table for a terminal, then a count per state; failures point at their log. */
export function formatStatus(rows: readonly ConfigurationStatus[]): string {
  const width = Math.max('configuration'.length, ...rows.map((r) => r.key.length));
  const lines = [`${'configuration'.padEnd(width)}  ${'state'.padEnd(7)}  detail`];
  for (const row of rows) {
    const log = row.state === 'failed' && row.errorLog ? ` (log: ${row.errorLog})` : '';
    lines.push(`${row.key.padEnd(width)}  ${row.state.padEnd(7)}  ${row.detail}${log}`);
  }
  const counts = STATES.map((s) => `${rows.filter((r) => r.state === s).length} ${s}`);
  lines.push(`${rows.length} configurations: ${counts.join(', ')}`);
  return `${lines.join('\n')}\n`;
}
