/**
 * Whether a configuration's results are complete, read from its folder alone: run.json lists
 * every trial the run was asked for. This is what `status` trusts first, and what makes a
 * resubmission skip a configuration, wherever the run happened (cluster or local).
 */

import { resultDir } from '../results/layout.js';
import { readManifest } from '../results/result-folder.js';
import type { CompletionProbe, SlurmConfiguration } from './types.js';

export function resultsComplete(resultsRoot: string): CompletionProbe<SlurmConfiguration> {
  return async (configuration) => {
    // An unreadable run.json is not complete; `single` explains what is wrong with it.
    const manifest = await readManifest(resultDir(resultsRoot, configuration)).catch(
      () => undefined,
    );
    if (!manifest) return false;
    const done = new Set(manifest.trials.map((t) => t.trial));
    for (let trial = 0; trial < manifest.trialsRequested; trial += 1) {
      if (!done.has(trial)) return false;
    }
    return true;
  };
}
