import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import seedrandom from 'seedrandom';

import {
  BayesianOptimizer,
  type BatchInfo,
  type BayesianSettings,
  GP_LOG_BOUNDS,
} from '../../src/optim/index.js';
import { runSequentially, sampleStream, toyOutcome, toySpace } from './toy-space.js';

/** The reference's hardware settings with a smaller batch, to keep the tests fast. */
const SMALL: BayesianSettings = {
  batchSize: 200,
  batchTrials: 10,
  warmupSamples: 10,
  explorationRatio: 0.1,
};

function labels(points: readonly { label: string }[]): string[] {
  return points.map((p) => p.label);
}

describe('BayesianOptimizer', () => {
  it('reproduces its proposals from the same seed and differs with another', () => {
    const run = (seed: string): string[] => {
      const optimizer = new BayesianOptimizer(toySpace, seedrandom(seed), SMALL);
      return labels(runSequentially(optimizer, toyOutcome, 50));
    };
    const first = run('bo-seed');
    assert.deepEqual(run('bo-seed'), first);
    assert.notDeepEqual(run('bo-other-seed'), first);
  });

  it('tries the first batch in the order it was drawn', () => {
    const optimizer = new BayesianOptimizer(toySpace, seedrandom('bo-first'), SMALL);
    const drawn = sampleStream(toySpace, seedrandom('bo-first'), 15);
    assert.deepEqual(optimizer.propose(15), drawn);
    assert.equal(optimizer.currentBatch?.order, 'warm-up');
  });

  it('starts a batch after every batchTrials valid outcomes, ignoring invalid ones', () => {
    const optimizer = new BayesianOptimizer(toySpace, seedrandom('bo-batches'), SMALL);
    const seen: { batch: number; validBefore: number }[] = [];
    let valid = 0;
    runSequentially(
      optimizer,
      (point) => {
        const outcome = toyOutcome(point);
        if (outcome !== null) valid++;
        return outcome;
      },
      45,
      () => seen.push({ batch: optimizer.currentBatch?.index ?? 0, validBefore: valid }),
    );
    assert.ok(seen.some((s, i) => i > 0 && s.validBefore === seen[i - 1].validBefore));
    for (const { batch, validBefore } of seen) {
      assert.equal(batch, Math.floor(validBefore / 10) + 1, `at ${validBefore} valid outcomes`);
    }
    assert.equal(optimizer.sampleCount, 45);
  });

  it('keeps warm-up order while at most warmupSamples outcomes are known', () => {
    // Batch 2 starts with exactly 10 valid outcomes, which the reference still counts as
    // warm-up; batch 3 (20 outcomes) is the first one ranked by the model.
    const settings = { ...SMALL, explorationRatio: 0 };
    const optimizer = new BayesianOptimizer(toySpace, seedrandom('bo-warmup'), settings);
    const orders = new Map<number, BatchInfo>();
    runSequentially(optimizer, toyOutcome, 35, () => {
      const info = optimizer.currentBatch;
      if (info) orders.set(info.index, info);
    });
    assert.deepEqual(
      [1, 2, 3, 4].map((i) => orders.get(i)?.order),
      ['warm-up', 'warm-up', 'model', 'model'],
    );
    const ranked = orders.get(3);
    assert.equal(ranked?.trainingSamples, 20);
    const [low, high] = GP_LOG_BOUNDS;
    for (const value of ranked?.theta ?? []) assert.ok(value >= low && value <= high);
    assert.ok(Number.isFinite(ranked?.logMarginalLikelihood));
  });

  it('proposes the most promising candidates first once the model ranks them', () => {
    // Objective a + 3b over a, b uniform in [0, 100): random points average about 198, and
    // the best 10 of a batch of 200 about 37.
    const settings = { ...SMALL, explorationRatio: 0 };
    const optimizer = new BayesianOptimizer(toySpace, seedrandom('bo-rank'), settings);
    runSequentially(optimizer, toyOutcome, 30);
    const ranked = optimizer.propose(10);
    assert.equal(optimizer.currentBatch?.order, 'model');
    const average = ranked.reduce((sum, p) => sum + p.a + 3 * p.b, 0) / ranked.length;
    assert.ok(average < 70, `model-ranked proposals average ${average}`);
  });

  it('keeps the drawn order on exploration batches', () => {
    const settings = { ...SMALL, explorationRatio: 1 };
    const optimizer = new BayesianOptimizer(toySpace, seedrandom('bo-explore'), settings);
    runSequentially(optimizer, toyOutcome, 30);
    optimizer.propose(1);
    assert.equal(optimizer.currentBatch?.order, 'exploration');
    assert.equal(optimizer.currentBatch?.theta, undefined);
  });

  it('draws a new batch when one runs out before its quota of valid outcomes', () => {
    const settings = { ...SMALL, batchSize: 5 };
    const optimizer = new BayesianOptimizer(toySpace, seedrandom('bo-short'), settings);
    optimizer.propose(12);
    assert.equal(optimizer.currentBatch?.index, 3);
  });

  it('rejects bad settings, naming every problem', () => {
    const bad = { batchSize: 0, batchTrials: 2.5, warmupSamples: -1, explorationRatio: 2 };
    const expected = new RegExp(
      'batchSize .* got 0; batchTrials .* got 2.5; warmupSamples .* got -1; ' +
        'explorationRatio .* got 2',
    );
    assert.throws(() => new BayesianOptimizer(toySpace, seedrandom('x'), bad), expected);
  });

  it('refuses a report whose points and outcomes do not pair up', () => {
    const optimizer = new BayesianOptimizer(toySpace, seedrandom('x'), SMALL);
    const points = optimizer.propose(2);
    assert.throws(() => optimizer.report(points, [1]), /2 points but 1 outcomes/);
  });
});
