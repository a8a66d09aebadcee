/** Waiting for jobs of the test cluster to leave the queue. */

import type { Cluster } from './cluster.js';

/** States in which a job will not change any more. */
const FINAL = /^(COMPLETED|FAILED|CANCELLED|TIMEOUT|NODE_FAIL|OUT_OF_MEMORY|PREEMPTED|BOOT_FAIL)/;

/**
 * Polls squeue (which remembers finished jobs for MinJobAge, 300 s by default) until every job
 * is in a final state; returns each job's state. Rejects after `timeoutMs`.
 */
export async function waitForJobs(
  cluster: Cluster,
  ids: readonly string[],
  timeoutMs = 60_000,
): Promise<Map<string, string>> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const out = await cluster.client('squeue', [
      '-h', '--states=all', '-j', ids.join(','), '-o', '%i|%T',
    ]);
    const states = new Map<string, string>();
    for (const line of out.split('\n')) {
      const [id, state] = line.trim().split('|');
      if (id && state) states.set(id, state);
    }
    if (ids.every((id) => FINAL.test(states.get(id) ?? ''))) return states;
    if (Date.now() > deadline) {
      const seen = ids.map((id) => `${id}=${states.get(id) ?? '?'}`).join(', ');
      throw new Error(`jobs not finished after ${timeoutMs / 1000} s: ${seen}`);
    }
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
}
