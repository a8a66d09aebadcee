/**
 * Whether a results folder is complete by its own record: every trial its run.json asked for
 * is in it. For reports (`spotlight status`) that do not know the settings a sweep used;
 * deciding whether to run uses the fingerprint instead (`inspectResultFolder`).
 */

import { readManifest } from './result-folder.js';

export async function isFolderComplete(dir: string): Promise<boolean> {
  try {
    const manifest = await readManifest(dir);
    if (manifest === undefined) return false;
    const done = new Set(manifest.trials.map((trial) => trial.trial));
    for (let trial = 0; trial < manifest.trialsRequested; trial += 1) {
      if (!done.has(trial)) return false;
    }
    return true;
  } catch {
    return false;
  }
}
