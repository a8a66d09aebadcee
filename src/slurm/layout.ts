/**
 * Where a SLURM sweep keeps its own files, beside the configurations' results:
 *
 *   <results>/slurm/jobs.json                 every submission: configuration, job id, limits
 *   <results>/slurm/scripts/<key>.sbatch      the batch script of each configuration
 *   <results>/slurm/logs/<key>.<job>.out|err  the job's stdout and stderr
 *   <results>/slurm/exits/<key>.<job>.json    written by the job: started, then how it ended
 *
 * `slurm` cannot clash with a results folder, whose first level is a scale (Edge, Cloud).
 */

import path from 'node:path';

export interface SlurmLayout {
  readonly root: string;
  readonly jobsFile: string;
  readonly scriptsDir: string;
  readonly logsDir: string;
  readonly exitsDir: string;
}

export function slurmLayout(resultsDir: string): SlurmLayout {
  const root = path.join(path.resolve(resultsDir), 'slurm');
  return {
    root,
    jobsFile: path.join(root, 'jobs.json'),
    scriptsDir: path.join(root, 'scripts'),
    logsDir: path.join(root, 'logs'),
    exitsDir: path.join(root, 'exits'),
  };
}

export function scriptPath(layout: SlurmLayout, key: string): string {
  return path.join(layout.scriptsDir, `${key}.sbatch`);
}

/** The job's log files; `job` is `%j` inside a script, where sbatch substitutes the id. */
export function logPaths(
  layout: SlurmLayout,
  key: string,
  job: string,
): { out: string; err: string } {
  return {
    out: path.join(layout.logsDir, `${key}.${job}.out`),
    err: path.join(layout.logsDir, `${key}.${job}.err`),
  };
}

export function exitRecordPath(layout: SlurmLayout, key: string, jobId: string): string {
  return path.join(layout.exitsDir, `${key}.${jobId}.json`);
}
