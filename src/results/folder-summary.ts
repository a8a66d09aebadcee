/**
 * What a configuration's results folder holds, read without the settings that made it: for
 * `spotlight status`, which lists the folders it finds next to the jobs it submitted.
 */

import { access, readdir } from 'node:fs/promises';
import path from 'node:path';
import { RESULT_FILES, type ResultCoordinates } from './layout.js';
import { liveLocalOwner, type LockOwner } from './lock.js';
import { readManifest } from './result-folder.js';

export type FolderSummary =
  | { readonly state: 'missing' }
  /** Result files without run.json: the reference's scripts, or another tool, wrote them. */
  | { readonly state: 'foreign'; readonly files: readonly string[] }
  /** run.json cannot be read or is not this tool's; `problem` says why. */
  | { readonly state: 'unreadable'; readonly problem: string }
  | {
    readonly state: 'partial' | 'complete';
    /** Requested trials present in run.json. */
    readonly done: number;
    readonly requested: number;
    /** A live process of this host that holds the folder's lock (a local run under way). */
    readonly writer?: LockOwner;
  };

export async function summariseResultFolder(dir: string): Promise<FolderSummary> {
  let manifest;
  try {
    manifest = await readManifest(dir);
  } catch (error) {
    return { state: 'unreadable', problem: (error as Error).message };
  }
  if (manifest === undefined) {
    const files = await presentResultFiles(dir);
    return files.length === 0 ? { state: 'missing' } : { state: 'foreign', files };
  }

  const requested = manifest.trialsRequested;
  const done = new Set(manifest.trials.map((t) => t.trial).filter((t) => t < requested)).size;
  const writer = liveLocalOwner(dir);
  return {
    state: done >= requested ? 'complete' : 'partial',
    done,
    requested,
    ...(writer ? { writer } : {}),
  };
}

/**
 * Every configuration folder under a results root (`<Scale>/<Technique>/<Target>/<Model>/`
 * holding a result file), in name order. Other folders, such as `slurm/`, hold none at that
 * depth and are passed over.
 */
export async function findResultFolders(root: string): Promise<ResultCoordinates[]> {
  const found: ResultCoordinates[] = [];
  for (const scale of await subfolders(root)) {
    for (const technique of await subfolders(path.join(root, scale))) {
      for (const target of await subfolders(path.join(root, scale, technique))) {
        const targetDir = path.join(root, scale, technique, target);
        for (const model of await subfolders(targetDir)) {
          const files = await presentResultFiles(path.join(targetDir, model));
          if (files.length > 0) found.push({ scale, technique, target, model });
        }
      }
    }
  }
  return found;
}

async function subfolders(dir: string): Promise<string[]> {
  try {
    const entries = await readdir(dir, { withFileTypes: true });
    return entries
      .filter((entry) => entry.isDirectory() && !entry.name.startsWith('.'))
      .map((entry) => entry.name)
      .sort();
  } catch {
    return [];
  }
}

async function presentResultFiles(dir: string): Promise<string[]> {
  const present: string[] = [];
  for (const name of RESULT_FILES) {
    if (await access(path.join(dir, name)).then(() => true, () => false)) present.push(name);
  }
  return present;
}
