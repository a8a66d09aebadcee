/**
 * What a SLURM sweep remembers on disk: the submissions (`jobs.json`, written by the submitter)
 * and each job's exit record (written by the job's batch script). Both are validated when read;
 * a damaged jobs.json stops the command rather than being overwritten.
 */

import { mkdir, readFile } from 'node:fs/promises';
import { z } from 'zod';
import { writeFileAtomic } from '../results/atomic-write.js';
import { SlurmError } from './errors.js';
import { exitRecordPath, type SlurmLayout } from './layout.js';

const submissionSchema = z.object({
  key: z.string(),
  configuration: z.record(z.string(), z.unknown()),
  jobId: z.string(),
  partition: z.string(),
  timeLimit: z.string(),
  /** Relative to the results folder. */
  script: z.string(),
  submittedAt: z.string(),
});

/** One accepted `sbatch`. A configuration submitted again gets a newer record. */
export type Submission = z.infer<typeof submissionSchema>;

const jobsFileSchema = z.object({
  version: z.literal(1),
  submissions: z.array(submissionSchema),
});

/** Every submission in the folder, oldest first; none when the file does not exist yet. */
export async function readSubmissions(layout: SlurmLayout): Promise<Submission[]> {
  let text: string;
  try {
    text = await readFile(layout.jobsFile, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return [];
    throw new SlurmError('E_JOB_RECORD', `cannot read ${layout.jobsFile}`, error);
  }
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch (error) {
    throw damaged(layout, 'it is not JSON', error);
  }
  const result = jobsFileSchema.safeParse(parsed);
  if (!result.success) {
    const issue = result.error.issues[0];
    throw damaged(layout, `${issue.path.join('.') || '(top)'}: ${issue.message}`);
  }
  return result.data.submissions;
}

function damaged(layout: SlurmLayout, why: string, cause?: unknown): SlurmError {
  return new SlurmError(
    'E_JOB_RECORD',
    `${layout.jobsFile} is damaged (${why}); restore it, or move it away to forget the ` +
      'submissions it lists (their jobs keep running)',
    cause,
  );
}

/** The newest submission of each configuration key. */
export function latestByKey(submissions: readonly Submission[]): Map<string, Submission> {
  const latest = new Map<string, Submission>();
  for (const s of submissions) latest.set(s.key, s);
  return latest;
}

/**
 * Rewrites jobs.json atomically (flushed temporary file, then rename). Callers that read,
 * change and write it hold the folder's submitter lock (submitSweep), so no record is lost.
 */
export async function writeSubmissions(
  layout: SlurmLayout,
  submissions: readonly Submission[],
): Promise<void> {
  await mkdir(layout.root, { recursive: true });
  const body = `${JSON.stringify({ version: 1, submissions }, null, 2)}\n`;
  await writeFileAtomic(layout.jobsFile, body);
}

const exitRecordSchema = z.object({
  jobId: z.string(),
  state: z.enum(['running', 'exited']),
  exitCode: z.number().int().nullable(),
  /** `TERM` when SLURM asked the job to stop (time limit, scancel). */
  signal: z.string(),
  host: z.string(),
  at: z.string(),
});

/** What the batch script wrote: `running` at its start, `exited` with the status at its end. */
export type ExitRecord = z.infer<typeof exitRecordSchema>;

/** The job's record, or undefined when it has not started or the file is unreadable. */
export async function readExitRecord(
  layout: SlurmLayout,
  key: string,
  jobId: string,
): Promise<ExitRecord | undefined> {
  try {
    const text = await readFile(exitRecordPath(layout, key, jobId), 'utf8');
    const result = exitRecordSchema.safeParse(JSON.parse(text));
    return result.success ? result.data : undefined;
  } catch {
    return undefined;
  }
}
