/**
 * The same trial inline, on one worker thread and on two: identical best design, targets and
 * counts. The budget is just large enough that both the hardware and the software BO get past
 * warm-up and rank a batch with the fitted Gaussian process.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';

import { Surrogate } from '../../src/optim/index.js';
import { createExecutor, runTrial, type TrialResult } from '../../src/search/index.js';
import { TWO_LAYERS, tinySettings, withoutTiming } from './helpers.js';

// Hardware: batches restart after 4 valid samples; the one started at 12 (> 10 warm-up)
// samples is ranked by the model. Software: restarts after 8; the batch started at 32 (> 30).
const settings = tinySettings({ hwTrials: 13, swTrials: 36 }, {
  hwBatchTrials: 4,
  swBatchTrials: 8,
  hwBatchSize: 40,
  swBatchSize: 40,
});

async function runWith(workers: number): Promise<TrialResult> {
  const executor = createExecutor(workers);
  try {
    return await runTrial({ settings, layers: TWO_LAYERS, seed: 3, trial: 1, executor });
  } finally {
    await executor.close();
  }
}

/** Runs `body` counting the surrogate fits made in this thread. */
async function countingFits<T>(body: () => Promise<T>): Promise<{ value: T; fits: number }> {
  const fit = Surrogate.fit;
  let fits = 0;
  Surrogate.fit = (...args: Parameters<typeof fit>) => { fits++; return fit(...args); };
  try {
    return { value: await body(), fits };
  } finally {
    Surrogate.fit = fit;
  }
}

test('inline, one worker and two workers give identical trials', async () => {
  const { value: inline, fits } = await countingFits(() => runWith(0));
  assert.ok(fits > TWO_LAYERS.length, `only ${fits} surrogate fits: the budget misses the GP`);
  assert.equal(inline.stop, 'budget');
  assert.equal(inline.hardwareSamples.valid, 13);
  assert.ok(inline.best);

  const one = await runWith(1);
  const two = await runWith(2);
  assert.deepEqual(withoutTiming(one), withoutTiming(inline));
  assert.deepEqual(withoutTiming(two), withoutTiming(inline));
});

test('the worker count is checked', () => {
  assert.throws(() => createExecutor(-1), /whole number >= 0/);
  assert.throws(() => createExecutor(1.5), /whole number >= 0/);
});
