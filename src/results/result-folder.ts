/**
 * A configuration's results folder: opens it for a run (refusing one made by different
 * settings), records each finished trial by rewriting all four files atomically, and tells
 * which trials are complete so an interrupted run can resume.
 *
 * run.json is the commit record: it holds every completed trial and is rewritten last, so the
 * other files can always be regenerated from it.
 */

import { access, mkdir, readFile, rm } from 'node:fs/promises';
import path from 'node:path';
import { z } from 'zod';
import type { Logger } from '../log/logger.js';
import { SILENT_LOGGER } from '../log/logger.js';
import { removeStaleTempFiles, writeFileAtomic } from './atomic-write.js';
import { layersCsv, trialsCsv } from './csv-files.js';
import { ResultsFolderError } from './errors.js';
import { describeDifferences, fingerprint, type Settings } from './fingerprint.js';
import { LAYERS_CSV, OUT_TXT, RESULT_FILES, RUN_JSON, TRIALS_CSV } from './layout.js';
import { acquireLock, type FolderLock } from './lock.js';
import { renderOutTxt } from './out-txt.js';
import type { TrialRecord } from './records.js';
import { toolVersion } from './version.js';

export const RUN_FORMAT = 'spotlight-ts/run@1';

export interface RunManifest {
  readonly format: typeof RUN_FORMAT;
  /** Version of the tool that last wrote the folder. */
  readonly version: string;
  readonly fingerprint: string;
  /** Every setting that changes results; the fingerprint is their hash. */
  readonly settings: Settings;
  /** Settings that do not change results (workers, ...), kept to replay the run as it was. */
  readonly runtime: Readonly<Record<string, unknown>>;
  readonly seed: number;
  readonly trialsRequested: number;
  /** The command line that last wrote the folder, for replay. */
  readonly command: readonly string[];
  readonly createdAt: string;
  readonly updatedAt: string;
  /** Completed trials, by trial index. */
  readonly trials: readonly TrialRecord[];
}

const manifestSchema = z.object({
  format: z.literal(RUN_FORMAT),
  version: z.string(),
  fingerprint: z.string(),
  settings: z.record(z.string(), z.unknown()),
  runtime: z.record(z.string(), z.unknown()),
  seed: z.number(),
  trialsRequested: z.number().int(),
  command: z.array(z.string()),
  createdAt: z.string(),
  updatedAt: z.string(),
  trials: z.array(z.looseObject({ trial: z.number().int().min(0) })),
});

export interface OpenOptions {
  /** Settings that change results (fingerprinted), seed included. */
  readonly settings: Settings;
  readonly seed: number;
  /** Trials wanted in total, completed ones included. */
  readonly trials: number;
  readonly runtime?: Readonly<Record<string, unknown>>;
  readonly command?: readonly string[];
  /** Keep completed trials of the same settings and run only the missing ones. */
  readonly resume?: boolean;
  /** Discard whatever the folder holds (other settings, foreign files, a stale remote lock). */
  readonly force?: boolean;
  readonly logger?: Logger;
}

/** What a folder holds, relative to the settings and trial count asked for. */
export type FolderState =
  | { readonly state: 'empty' }
  | { readonly state: 'foreign'; readonly files: readonly string[] }
  | { readonly state: 'unreadable'; readonly problem: string }
  | { readonly state: 'mismatch'; readonly differences: readonly string[] }
  | { readonly state: 'partial'; readonly done: readonly number[]; readonly requested: number }
  | { readonly state: 'complete'; readonly done: readonly number[]; readonly requested: number };

export class ResultFolder {
  private trials: Map<number, TrialRecord>;
  private manifest: RunManifest;
  private writing: Promise<void> = Promise.resolve();

  private constructor(
    readonly dir: string,
    manifest: RunManifest,
    private readonly lock: FolderLock,
  ) {
    this.manifest = manifest;
    this.trials = new Map(manifest.trials.map((trial) => [trial.trial, trial]));
  }

  /** Opens `dir` for a run with these settings, or throws a ResultsFolderError saying why not. */
  static async open(dir: string, options: OpenOptions): Promise<ResultFolder> {
    const log = options.logger ?? SILENT_LOGGER;
    const force = options.force === true;
    await mkdir(dir, { recursive: true });
    const lock = await acquireLock(dir, force);
    try {
      await removeStaleTempFiles(dir);
      const state = await inspectResultFolder(dir, options.settings, options.trials);
      const kept = decide(dir, state, options);
      if (force && state.state !== 'empty') {
        log.warn(`${dir}: discarding ${describeState(state)}, as --force asks`);
        await Promise.all(RESULT_FILES.map((name) => rm(path.join(dir, name), { force: true })));
      }

      const previous = kept.length > 0 ? await readManifest(dir) : undefined;
      // A complete folder of the same settings has nothing to run: it is left as it is.
      const complete = state.state === 'complete' && !force;
      if (kept.length > 0 && !complete) {
        log.info(`${dir}: resuming; trials ${kept.join(', ')} are complete`);
      }

      const now = new Date().toISOString();
      const manifest: RunManifest = {
        format: RUN_FORMAT,
        version: toolVersion(),
        fingerprint: fingerprint(options.settings),
        settings: options.settings,
        runtime: options.runtime ?? {},
        seed: options.seed,
        trialsRequested: options.trials,
        command: [...(options.command ?? [])],
        createdAt: previous?.createdAt ?? now,
        updatedAt: now,
        trials: previous?.trials ?? [],
      };
      const folder = new ResultFolder(dir, manifest, lock);
      if (!complete) await folder.writeAll();
      return folder;
    } catch (error) {
      await lock.release();
      throw error;
    }
  }

  /** Indices of the completed trials. */
  get completed(): ReadonlySet<number> {
    return new Set(this.trials.keys());
  }

  /** Trials still to run, in order: 0 .. trials-1 minus the completed ones. */
  pendingTrials(): number[] {
    const pending: number[] = [];
    for (let trial = 0; trial < this.manifest.trialsRequested; trial += 1) {
      if (!this.trials.has(trial)) pending.push(trial);
    }
    return pending;
  }

  /** All completed trials, by index. */
  completedTrials(): TrialRecord[] {
    return [...this.trials.values()].sort((a, b) => a.trial - b.trial);
  }

  /** Stores a finished trial; resolves once all four files on disk include it. */
  record(trial: TrialRecord): Promise<void> {
    this.trials.set(trial.trial, trial);
    this.manifest = {
      ...this.manifest,
      updatedAt: new Date().toISOString(),
      trials: this.completedTrials(),
    };
    return this.writeAll();
  }

  /** Waits for pending writes and releases the folder. */
  async close(): Promise<void> {
    try {
      await this.writing;
    } finally {
      await this.lock.release();
    }
  }

  /** Rewrites every file from the in-memory state; writes are serialised, run.json last. */
  private writeAll(): Promise<void> {
    const manifest = this.manifest;
    const trials = manifest.trials;
    const run = async (): Promise<void> => {
      const at = (name: string): string => path.join(this.dir, name);
      await writeFileAtomic(at(OUT_TXT), renderOutTxt(trials));
      await writeFileAtomic(at(TRIALS_CSV), await trialsCsv(trials));
      await writeFileAtomic(at(LAYERS_CSV), await layersCsv(trials));
      await writeFileAtomic(at(RUN_JSON), `${JSON.stringify(manifest, null, 2)}\n`);
    };
    this.writing = this.writing.then(run, run);
    return this.writing;
  }
}

/** The folder's state for these settings, without changing anything. */
export async function inspectResultFolder(
  dir: string,
  settings: Settings,
  trials: number,
): Promise<FolderState> {
  let manifest: RunManifest | undefined;
  try {
    manifest = await readManifest(dir);
  } catch (error) {
    return { state: 'unreadable', problem: (error as Error).message };
  }

  if (manifest === undefined) {
    const present: string[] = [];
    for (const name of [OUT_TXT, TRIALS_CSV, LAYERS_CSV]) {
      if (await exists(path.join(dir, name))) present.push(name);
    }
    return present.length > 0 ? { state: 'foreign', files: present } : { state: 'empty' };
  }

  if (manifest.fingerprint !== fingerprint(settings)) {
    return { state: 'mismatch', differences: describeDifferences(manifest.settings, settings) };
  }
  const done = manifest.trials.map((trial) => trial.trial).sort((a, b) => a - b);
  const doneWanted = done.filter((trial) => trial < trials);
  if (doneWanted.length >= trials) return { state: 'complete', done, requested: trials };
  return { state: 'partial', done, requested: trials };
}

/** run.json of a folder; undefined when there is none; throws when it cannot be used. */
export async function readManifest(dir: string): Promise<RunManifest | undefined> {
  let text: string;
  try {
    text = await readFile(path.join(dir, RUN_JSON), 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw error;
  }
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (error) {
    throw new ResultsFolderError(`${RUN_JSON} is not valid JSON (${(error as Error).message})`);
  }
  const parsed = manifestSchema.safeParse(json);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new ResultsFolderError(
      `${RUN_JSON} is not a run record of this tool (${issue.path.join('.')}: ${issue.message})`,
    );
  }
  return parsed.data as unknown as RunManifest;
}

/**
 * The seed in a folder's run.json, so a run without --seed can resume (or recognise as complete)
 * what an earlier run left: the seed is part of the fingerprint. Undefined when the folder has
 * no readable run.json; opening the folder then says what is wrong with it.
 */
export async function recordedSeed(dir: string): Promise<number | undefined> {
  const manifest = await readManifest(dir).catch(() => undefined);
  return manifest?.seed;
}

/** Completed trials to keep, or a refusal that says what the folder holds and what to do. */
function decide(dir: string, state: FolderState, options: OpenOptions): number[] {
  if (options.force === true) return [];
  const use = 'choose another --results folder, or add --force to discard it';
  switch (state.state) {
    case 'empty':
      return [];
    case 'foreign':
      throw new ResultsFolderError(
        `${dir} holds ${state.files.join(', ')} but no ${RUN_JSON}, so the settings that ` +
          `produced them are unknown (the reference's scripts write such folders); ${use}`,
      );
    case 'unreadable':
      throw new ResultsFolderError(`${dir}: ${state.problem}; ${use}`);
    case 'mismatch':
      throw new ResultsFolderError(
        `${dir} was written with different settings, so its trials cannot be mixed with this ` +
          `run's:\n  ${state.differences.join('\n  ')}\n${use}`,
      );
    case 'complete':
      // Running the same settings again asks for nothing new: a success that runs nothing.
      return [...state.done];
    case 'partial': {
      if (state.done.length === 0) return [];
      if (options.resume === true) return [...state.done];
      throw new ResultsFolderError(
        `${dir} holds ${state.done.length} of ${state.requested} trials of these settings; ` +
          'add --resume to keep them and run the rest, or --force to start over',
      );
    }
  }
}

function describeState(state: FolderState): string {
  switch (state.state) {
    case 'empty':
      return 'nothing';
    case 'foreign':
      return `${state.files.join(', ')} without ${RUN_JSON}`;
    case 'unreadable':
      return state.problem;
    case 'mismatch':
      return 'results of different settings';
    case 'partial':
    case 'complete':
      return `${state.done.length} trial(s) of the same settings`;
  }
}

async function exists(file: string): Promise<boolean> {
  try {
    await access(file);
    return true;
  } catch {
    return false;
  }
}
