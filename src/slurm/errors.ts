/**
 * Errors of the SLURM submitter. Each has a stable code and a message that says what to check;
 * the command line prints the message and exits non-zero.
 */

export type SlurmErrorCode =
  /** sbatch, squeue or sinfo is not installed or not on PATH. */
  | 'E_SLURM_MISSING'
  /** The controller did not answer (slurmctld down, wrong SLURM_CONF, munge not running). */
  | 'E_SLURM_UNREACHABLE'
  /** --partition names a partition the cluster does not have. */
  | 'E_PARTITION'
  /** --time is not in a format SLURM accepts. */
  | 'E_TIME_LIMIT'
  /** sbatch refused a script (limits, account, QOS, an invalid --sbatch-arg). */
  | 'E_SUBMIT_REJECTED'
  /** The folder's job record cannot be read, or another submitter holds it. */
  | 'E_JOB_RECORD';

export class SlurmError extends Error {
  readonly code: SlurmErrorCode;

  constructor(code: SlurmErrorCode, message: string, cause?: unknown) {
    super(`slurm: ${message}`, cause === undefined ? undefined : { cause });
    this.name = 'SlurmError';
    this.code = code;
  }
}
