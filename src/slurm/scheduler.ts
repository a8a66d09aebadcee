/**
 * The SLURM client commands this module runs: sinfo, sbatch, squeue and sacct, each through
 * execFile with an argument list (never a shell string). Failures become SlurmErrors that say
 * what to check; sacct alone may be missing, since many small clusters run without accounting.
 */

import { execFile } from 'node:child_process';
import { SlurmError } from './errors.js';

export interface SchedulerOptions {
  /** Environment of the client commands (PATH, SLURM_CONF). @default process.env */
  readonly env?: NodeJS.ProcessEnv;
}

/** A client command that ran but failed, with what it printed. */
interface CommandFailure {
  readonly stderr: string;
  readonly status: number | string;
}

/** Long enough for a busy controller; a hung client must not hang the command line. */
const CLIENT_TIMEOUT_MS = 60_000;

const UNREACHABLE_HINT =
  'check that the controller is up (`scontrol ping`), that SLURM_CONF (or /etc/slurm/' +
  'slurm.conf) is the cluster\'s, and that munged runs on this machine';

/** Runs a SLURM client; rejects with E_SLURM_MISSING when it is not installed. */
function run(
  command: string,
  args: readonly string[],
  options: SchedulerOptions,
): Promise<{ ok: true; stdout: string } | ({ ok: false } & CommandFailure)> {
  const env = options.env ?? process.env;
  return new Promise((resolve, reject) => {
    execFile(
      command,
      [...args],
      { env, timeout: CLIENT_TIMEOUT_MS, maxBuffer: 64 * 1024 * 1024 },
      (error, stdout, stderr) => {
        if (!error) return resolve({ ok: true, stdout });
        if ((error as NodeJS.ErrnoException).code === 'ENOENT') {
          return reject(
            new SlurmError(
              'E_SLURM_MISSING',
              `${command} was not found on PATH (${env.PATH ?? 'unset'}); run this on a ` +
                'SLURM login node, load the cluster\'s slurm module, or install the SLURM ' +
                'client (Debian: apt-get install slurm-client)',
              error,
            ),
          );
        }
        const status = error.code ?? error.signal ?? 'unknown';
        resolve({ ok: false, stderr: String(stderr).trim() || error.message, status });
      },
    );
  });
}

/** Rejects with E_SLURM_MISSING unless sbatch can be run here. */
export async function checkSbatch(options: SchedulerOptions = {}): Promise<void> {
  await run('sbatch', ['--version'], options);
}

/** The cluster's partition names (sinfo). */
export async function listPartitions(options: SchedulerOptions = {}): Promise<string[]> {
  const result = await run('sinfo', ['-h', '-o', '%R'], options);
  if (!result.ok) {
    throw new SlurmError(
      'E_SLURM_UNREACHABLE',
      `sinfo failed (${result.status}): ${result.stderr}; ${UNREACHABLE_HINT}`,
    );
  }
  return [...new Set(result.stdout.split('\n').map((l) => l.trim()).filter((l) => l !== ''))];
}

/** Submits a batch script (`sbatch --parsable`) and returns the job id. */
export async function submitBatch(script: string, options: SchedulerOptions = {}): Promise<string> {
  const result = await run('sbatch', ['--parsable', script], options);
  if (!result.ok) throw rejection(script, result);
  // --parsable prints `id` or `id;cluster`.
  const jobId = result.stdout.trim().split(';')[0];
  if (!/^\d+$/.test(jobId)) {
    throw new SlurmError(
      'E_SUBMIT_REJECTED',
      `sbatch accepted ${script} but printed no job id (${JSON.stringify(result.stdout)})`,
    );
  }
  return jobId;
}

/** sbatch's refusal, with what to check for the messages users meet most. */
function rejection(script: string, failure: CommandFailure): SlurmError {
  const said = failure.stderr
    .split('\n')
    .map((line) => line.trim().replace(/^sbatch: (error: )?/, ''))
    .filter((line) => line !== '' && !line.startsWith('Try "sbatch --help"'))
    .join('; ');
  if (/invalid partition/i.test(said)) {
    return new SlurmError(
      'E_PARTITION',
      `sbatch rejected the partition: ${said}; check --partition against \`sinfo -s\``,
    );
  }
  let hint = `check the script ${script}`;
  if (/time limit|time specification/i.test(said)) {
    hint = "check --time against the partition's limit (`sinfo -o '%P %l'`)";
  } else if (/account|qos|association/i.test(said)) {
    hint = 'check the account and QOS, e.g. --sbatch-arg=--account=NAME (`sacctmgr show assoc`)';
  } else if (/unrecognized option|invalid option|unknown option|invalid .* specification/i
    .test(said)) {
    hint = 'check the --sbatch-arg values (each is one sbatch option, e.g. --sbatch-arg=--mem=8G)';
  } else if (/unable to contact|connection refused|socket|munge/i.test(said)) {
    hint = UNREACHABLE_HINT;
  }
  return new SlurmError('E_SUBMIT_REJECTED', `sbatch rejected ${script}: ${said}; ${hint}`);
}

/** A job as the scheduler sees it. */
export interface SchedulerEntry {
  /** SLURM's state, e.g. PENDING, RUNNING, COMPLETED, FAILED, TIMEOUT, CANCELLED. */
  readonly state: string;
  /** squeue's reason (Priority, Resources, NonZeroExitCode...), when it gives one. */
  readonly reason?: string;
  /** `code:signal` as sacct prints it, when accounting is on. */
  readonly exitCode?: string;
  readonly nodes?: string;
  /** Time used so far, e.g. `1:02:03`. */
  readonly elapsed?: string;
  readonly source: 'squeue' | 'sacct';
}

/**
 * The jobs slurmctld still knows: queued and running ones, and finished ones for MinJobAge
 * (300 s by default) after they end.
 */
export async function queueStates(
  ids: readonly string[],
  options: SchedulerOptions = {},
): Promise<Map<string, SchedulerEntry>> {
  const entries = new Map<string, SchedulerEntry>();
  if (ids.length === 0) return entries;
  const result = await run(
    'squeue',
    ['-h', '--states=all', '-j', ids.join(','), '-o', '%i|%T|%r|%N|%M'],
    options,
  );
  if (!result.ok) {
    // squeue fails, rather than printing nothing, when it knows none of the ids.
    if (/invalid job id/i.test(result.stderr)) return entries;
    throw new SlurmError(
      'E_SLURM_UNREACHABLE',
      `squeue failed (${result.status}): ${result.stderr}; ${UNREACHABLE_HINT}`,
    );
  }
  for (const line of result.stdout.split('\n')) {
    const [id, state, reason, nodes, elapsed] = line.trim().split('|');
    if (!id || !state) continue;
    entries.set(id, {
      state,
      reason: reason && reason !== 'None' ? reason : undefined,
      nodes: nodes || undefined,
      elapsed,
      source: 'squeue',
    });
  }
  return entries;
}

/**
 * Finished jobs from accounting (sacct), or undefined when there is none: sacct missing, or
 * the cluster has no slurmdbd (sacct then says accounting storage is disabled).
 */
export async function accountingStates(
  ids: readonly string[],
  options: SchedulerOptions = {},
): Promise<Map<string, SchedulerEntry> | undefined> {
  if (ids.length === 0) return new Map();
  let result;
  try {
    result = await run(
      'sacct',
      ['-n', '-P', '-X', '-j', ids.join(','), '-o', 'JobIDRaw,State,ExitCode,NodeList,Elapsed'],
      options,
    );
  } catch (error) {
    if (error instanceof SlurmError && error.code === 'E_SLURM_MISSING') return undefined;
    throw error;
  }
  if (!result.ok) return undefined;
  const entries = new Map<string, SchedulerEntry>();
  for (const line of result.stdout.split('\n')) {
    const [id, state, exitCode, nodes, elapsed] = line.trim().split('|');
    if (!id || !state) continue;
    // `CANCELLED by 1000` names who cancelled; the state is the first word.
    entries.set(id, { state: state.split(' ')[0], exitCode, nodes, elapsed, source: 'sacct' });
  }
  return entries;
}
