/**
 * `spotlight <sweep> --slurm`: one batch script per configuration under the results folder,
 * each submitted with sbatch, every job id recorded in `slurm/jobs.json` as soon as sbatch
 * accepts it. Configurations that are done, queued or running are skipped, so submitting the
 * same sweep again only resubmits what failed or never ran. One submitter at a time per
 * results folder: it holds the folder's lock (`slurm/.lock`) from reading jobs.json to its
 * last write, so a second one is refused instead of overwriting the first one's records.
 */

import { mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { removeStaleTempFiles } from '../results/atomic-write.js';
import { ResultsFolderError } from '../results/errors.js';
import { acquireLock, type FolderLock } from '../results/lock.js';
import { renderBatchScript } from './batch-script.js';
import { SlurmError } from './errors.js';
import { latestByKey, readSubmissions, writeSubmissions, type Submission } from './job-records.js';
import { scriptPath, slurmLayout, type SlurmLayout } from './layout.js';
import {
  checkSbatch,
  listPartitions,
  submitBatch,
  type SchedulerOptions,
} from './scheduler.js';
import { askScheduler, statusOf, type ConfigurationStatus } from './status.js';
import { resultsComplete } from './results-probe.js';
import { defaultTimeLimit, parseTimeLimit } from './time-limit.js';
import {
  QUIET,
  configurationKey,
  type ArgvBuilder,
  type CompletionProbe,
  type SlurmConfiguration,
  type SlurmLogger,
} from './types.js';

export interface SubmitOptions<C extends SlurmConfiguration> extends SchedulerOptions {
  readonly configurations: readonly C[];
  readonly resultsDir: string;
  /** The `single ...` arguments of a configuration (seed and results folder included). */
  readonly argv: ArgvBuilder<C>;
  readonly partition: string;
  /**
   * One limit for every job, in any sbatch --time spelling.
   * @default 07:59:59 per edge configuration, 47:59:59 per cloud one, 00:59:59 for Eyeriss
   * and NVDLA (the reference's run-ae.sh)
   */
  readonly timeLimit?: string;
  /** Extra sbatch options, one per entry, e.g. `--mem=8G`; written as #SBATCH lines. */
  readonly sbatchArgs?: readonly string[];
  /** Write the scripts, submit nothing. @default false */
  readonly dryRun?: boolean;
  /** The program a job runs as `spotlight`. @default this installation's node and CLI */
  readonly program?: readonly string[];
  /** The jobs' working directory. @default process.cwd() */
  readonly workDir?: string;
  /**
   * Whether a configuration's results are complete.
   * @default run.json in the configuration's folder lists every requested trial
   */
  readonly isComplete?: CompletionProbe<C>;
  /** The command, for the scripts' header. @default 'spotlight --slurm' */
  readonly writtenBy?: string;
  /**
   * Take over the submitter lock of a process on another host, which cannot be checked from
   * here (as --force does for a results folder). @default false
   */
  readonly force?: boolean;
  readonly logger?: SlurmLogger;
}

export interface SubmitOutcome {
  readonly key: string;
  readonly configuration: SlurmConfiguration;
  /** submitted: sbatch accepted it; written: dry run; skipped: done, queued or running. */
  readonly action: 'submitted' | 'written' | 'skipped';
  /** The new job (submitted) or the one that made it skip. */
  readonly jobId?: string;
  readonly script?: string;
  readonly timeLimit?: string;
  /** Why it was skipped. */
  readonly reason?: string;
}

/** The CLI installed beside this module, run by the node that runs this process. */
export function defaultProgram(): string[] {
  return [process.execPath, fileURLToPath(new URL('../cli/main.js', import.meta.url))];
}

export async function submitSweep<C extends SlurmConfiguration>(
  options: SubmitOptions<C>,
): Promise<SubmitOutcome[]> {
  const partition = checkPartitionName(options.partition);
  const timeOverride =
    options.timeLimit === undefined ? undefined : parseTimeLimit(options.timeLimit);
  const sbatchArgs = checkSbatchArgs(options.sbatchArgs ?? []);

  // Ask the cluster before writing anything: a missing sbatch or a wrong partition is one
  // error, not one per configuration. A dry run needs no cluster.
  if (!options.dryRun) {
    await checkSbatch(options);
    await checkPartition(partition, options);
  }

  const layout = slurmLayout(options.resultsDir);
  const lock = await lockSubmissions(layout, options.force === true);
  try {
    await removeStaleTempFiles(layout.root);
    return await submitLocked(options, layout, { partition, timeOverride, sbatchArgs });
  } finally {
    await lock.release();
  }
}

/**
 * The folder's submitter lock; another live submitter is a SlurmError saying who.
 *
 * LIMITATION: a lock left by a process on another host cannot be checked for liveness; it
 * needs --force (or deleting the lock file), and exclusive creation on the shared filesystem.
 */
async function lockSubmissions(layout: SlurmLayout, force: boolean): Promise<FolderLock> {
  await mkdir(layout.root, { recursive: true });
  try {
    return await acquireLock(layout.root, force);
  } catch (error) {
    if (!(error instanceof ResultsFolderError)) throw error;
    throw new SlurmError(
      'E_JOB_RECORD',
      `another submission into this results folder is under way: ${error.message}`,
      error,
    );
  }
}

/** The checked sbatch settings shared by every script of the sweep. */
interface BatchSettings {
  readonly partition: string;
  readonly timeOverride: string | undefined;
  readonly sbatchArgs: readonly string[];
}

/** Reads jobs.json, submits what is not settled and records each job; the lock is held. */
async function submitLocked<C extends SlurmConfiguration>(
  options: SubmitOptions<C>,
  layout: SlurmLayout,
  { partition, timeOverride, sbatchArgs }: BatchSettings,
): Promise<SubmitOutcome[]> {
  const logger = options.logger ?? QUIET;
  const submissions = await readSubmissions(layout);
  const latest = latestByKey(submissions);
  const scheduler = await askScheduler(
    [...latest.values()], options, options.dryRun ? QUIET : logger,
  );
  if (!options.dryRun && !scheduler.answered) {
    throw new SlurmError('E_SLURM_UNREACHABLE', 'squeue did not answer; nothing was submitted');
  }

  await Promise.all(
    [layout.scriptsDir, layout.logsDir, layout.exitsDir].map((d) => mkdir(d, { recursive: true })),
  );
  const program = options.program ?? defaultProgram();
  const workDir = path.resolve(options.workDir ?? process.cwd());
  const isComplete = options.isComplete ?? resultsComplete(options.resultsDir);
  const outcomes: SubmitOutcome[] = [];

  for (const configuration of options.configurations) {
    const key = configurationKey(configuration);
    const status = await statusOf(configuration, latest.get(key), layout, scheduler, isComplete);
    if (isSettled(status)) {
      logger.info(`${key}: skipped, ${status.detail}`);
      outcomes.push({ key, configuration, action: 'skipped', jobId: status.jobId,
        reason: status.detail });
      continue;
    }

    const timeLimit = timeOverride ?? defaultTimeLimit(configuration);
    const script = scriptPath(layout, key);
    const command = [...program, ...options.argv(configuration)];
    await writeFile(script, renderBatchScript({
      key, partition, timeLimit, sbatchArgs, workDir, layout, command,
      writtenBy: options.writtenBy ?? 'spotlight --slurm',
    }));
    if (options.dryRun) {
      logger.info(`${key}: wrote ${script} (dry run, not submitted)`);
      outcomes.push({ key, configuration, action: 'written', script, timeLimit });
      continue;
    }

    let jobId: string;
    try {
      jobId = await submitBatch(script, options);
    } catch (error) {
      throw withProgress(error, outcomes);
    }
    submissions.push({
      key,
      configuration: asRecord(configuration),
      jobId,
      partition,
      timeLimit,
      script: path.relative(path.resolve(options.resultsDir), script),
      submittedAt: new Date().toISOString(),
    } satisfies Submission);
    // Recorded at once: a later rejection or a Ctrl-C must not lose a job that was accepted.
    await writeSubmissions(layout, submissions);
    logger.info(`${key}: submitted as job ${jobId} (partition ${partition}, time ${timeLimit})`);
    outcomes.push({ key, configuration, action: 'submitted', jobId, script, timeLimit });
  }
  return outcomes;
}

/** Done, or waiting for or holding a node: submitting again would duplicate the work. */
function isSettled(status: ConfigurationStatus): boolean {
  if (status.state === 'done' || status.state === 'running') return true;
  return status.state === 'pending' && status.jobId !== undefined;
}

function checkPartitionName(partition: string): string {
  const name = partition.trim();
  if (name === '' || /[\s,]/.test(name)) {
    throw new SlurmError(
      'E_PARTITION',
      `--partition ${JSON.stringify(partition)} is not a partition name; list them with ` +
        '`sinfo -s`',
    );
  }
  return name;
}

async function checkPartition(partition: string, options: SchedulerOptions): Promise<void> {
  const known = await listPartitions(options);
  if (known.includes(partition)) return;
  throw new SlurmError(
    'E_PARTITION',
    `partition ${JSON.stringify(partition)} does not exist on this cluster; it has ` +
      `${known.join(', ') || 'no partitions'} (sinfo); check --partition`,
  );
}

/** Each entry is one sbatch option; a newline would smuggle a line into the script. */
function checkSbatchArgs(args: readonly string[]): string[] {
  const bad = args.filter((a) => !a.startsWith('-') || /[\r\n]/.test(a));
  if (bad.length > 0) {
    throw new SlurmError(
      'E_SUBMIT_REJECTED',
      `--sbatch-arg ${bad.map((a) => JSON.stringify(a)).join(', ')} is not an sbatch option; ` +
        'give one option per --sbatch-arg with its value, e.g. --sbatch-arg=--mem=8G or ' +
        "--sbatch-arg='--account proj'",
    );
  }
  return [...args];
}

/** A rejection, plus what had been submitted before it (already in jobs.json). */
function withProgress(error: unknown, outcomes: readonly SubmitOutcome[]): unknown {
  if (!(error instanceof SlurmError)) return error;
  const submitted = outcomes.filter((o) => o.action === 'submitted').length;
  if (submitted === 0) return error;
  const message = `${error.message.replace(/^slurm: /, '')}\n${submitted} configuration(s) ` +
    'were submitted before this and are recorded; fix the problem and submit the sweep ' +
    'again to submit the rest';
  return new SlurmError(error.code, message, error);
}

/** The configuration as stored in jobs.json: every field, so status can list it later. */
function asRecord(configuration: object): Record<string, unknown> {
  return { ...configuration };
}

/** One line per configuration, then the totals and where the job ids are kept. */
export function formatSubmission(outcomes: readonly SubmitOutcome[], resultsDir: string): string {
  const width = Math.max('configuration'.length, ...outcomes.map((o) => o.key.length));
  const lines = outcomes.map((o) => {
    const what =
      o.action === 'submitted' ? `job ${o.jobId} (time ${o.timeLimit})`
      : o.action === 'written' ? `${o.script} (time ${o.timeLimit})`
      : o.reason ?? '';
    return `${o.key.padEnd(width)}  ${o.action.padEnd(9)}  ${what}`;
  });
  lines.unshift(`${'configuration'.padEnd(width)}  ${'action'.padEnd(9)}  detail`);
  const count = (action: SubmitOutcome['action']): number =>
    outcomes.filter((o) => o.action === action).length;
  const totals = [`${count('submitted')} submitted`, `${count('skipped')} skipped`];
  if (count('written') > 0) totals.push(`${count('written')} written, not submitted (dry run)`);
  lines.push(`${outcomes.length} configurations: ${totals.join(', ')}`);
  if (count('submitted') > 0) lines.push(`job ids: ${slurmLayout(resultsDir).jobsFile}`);
  return `${lines.join('\n')}\n`;
}
