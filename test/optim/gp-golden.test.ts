/**
 * Agreement of the surrogate (standardisation + Gaussian process) with the regressor fits
 * captured inside real reference runs (../shared/golden/gp-cases.jsonl, see its README).
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';

import { ascendingOrder, Surrogate } from '../../src/optim/surrogate.js';
import type { GpTheta } from '../../src/optim/gp.js';
import { readGoldenLines } from '../golden.js';

interface GpCase {
  readonly search: 'software' | 'hardware';
  readonly trainX: number[][];
  readonly trainY: number[];
  readonly testX: number[][];
  readonly theta: [number, number];
  readonly logMarginalLikelihood: number;
  readonly mean: number[];
  readonly std: number[];
}

const cases = readGoldenLines<GpCase>('gp-cases.jsonl');

/** With the recorded hyper-parameters the port must reproduce predictions to this. */
const PREDICTION_TOLERANCE = 1e-9;

/** How far below the reference's maximum our own hyper-parameter fit may end. */
const LIKELIHOOD_SLACK = 1e-3;

/** |a - b| relative to |b| (floored at 1e-12 so an exact zero cannot divide by zero). */
function relativeError(actual: number, expected: number): number {
  return Math.abs(actual - expected) / Math.max(Math.abs(expected), 1e-12);
}

/** Spearman rank correlation (average ranks for ties). */
function spearman(a: ArrayLike<number>, b: ArrayLike<number>): number {
  const ranks = (values: ArrayLike<number>): number[] => {
    const order = ascendingOrder(values);
    const out = new Array<number>(values.length);
    for (let start = 0; start < order.length; ) {
      let end = start;
      while (end + 1 < order.length && values[order[end + 1]] === values[order[start]]) end++;
      for (let k = start; k <= end; k++) out[order[k]] = (start + end) / 2;
      start = end + 1;
    }
    return out;
  };
  const ra = ranks(a);
  const rb = ranks(b);
  const mean = (ra.length - 1) / 2;
  let covariance = 0;
  let varianceA = 0;
  let varianceB = 0;
  for (let i = 0; i < ra.length; i++) {
    covariance += (ra[i] - mean) * (rb[i] - mean);
    varianceA += (ra[i] - mean) ** 2;
    varianceB += (rb[i] - mean) ** 2;
  }
  return covariance / Math.sqrt(varianceA * varianceB);
}

function bestTen(scores: ArrayLike<number>): Set<number> {
  return new Set(ascendingOrder(scores).slice(0, 10));
}

describe('Gaussian process against the reference fits', () => {
  it('has the recorded cases to compare with', () => {
    assert.ok(cases.length >= 40, `only ${cases.length} cases in gp-cases.jsonl`);
    assert.ok(cases.some((c) => c.search === 'hardware'));
  });

  it('predicts the recorded mean and std at the recorded hyper-parameters', () => {
    let worstMean = { error: 0, at: '' };
    let worstStd = { error: 0, at: '' };
    let worstLikelihood = { error: 0, at: '' };

    cases.forEach((c, index) => {
      const theta: GpTheta = [c.theta[0], c.theta[1]];
      const surrogate = Surrogate.fit(c.trainX, c.trainY, { theta });
      // Every case has more points than features, so this holds the fast solver to sklearn.
      assert.equal(surrogate.process.solver, 'features', `case ${index}`);
      const { mean, std } = surrogate.predict(c.testX);
      for (let i = 0; i < c.testX.length; i++) {
        const meanError = relativeError(mean[i], c.mean[i]);
        const stdError = relativeError(std[i], c.std[i]);
        if (meanError > worstMean.error) worstMean = { error: meanError, at: `${index}/${i}` };
        if (stdError > worstStd.error) worstStd = { error: stdError, at: `${index}/${i}` };
      }
      const likelihoodError = relativeError(
        surrogate.process.logMarginalLikelihood,
        c.logMarginalLikelihood,
      );
      if (likelihoodError > worstLikelihood.error) {
        worstLikelihood = { error: likelihoodError, at: `${index}` };
      }
    });

    console.log(
      `gp golden, recorded theta: worst relative error mean ${worstMean.error.toExponential(2)}` +
        ` (case/candidate ${worstMean.at}), std ${worstStd.error.toExponential(2)}` +
        ` (${worstStd.at}), log likelihood ${worstLikelihood.error.toExponential(2)}` +
        ` (case ${worstLikelihood.at})`,
    );
    assert.ok(worstMean.error <= PREDICTION_TOLERANCE, `mean off by ${worstMean.error}`);
    assert.ok(worstStd.error <= PREDICTION_TOLERANCE, `std off by ${worstStd.error}`);
    assert.ok(worstLikelihood.error <= PREDICTION_TOLERANCE);
  });

  it('fits hyper-parameters at least as likely as the reference and ranks alike', () => {
    let worstLikelihoodGap = -Infinity;
    let fewestShared = Infinity;
    let lowestSpearman = Infinity;
    const failures: string[] = [];

    cases.forEach((c, index) => {
      const surrogate = Surrogate.fit(c.trainX, c.trainY);
      const gap = c.logMarginalLikelihood - surrogate.process.logMarginalLikelihood;
      const ours = surrogate.acquisition(c.testX);
      const theirs = c.mean.map((m, i) => m - c.std[i]);
      const reference = bestTen(theirs);
      const shared = [...bestTen(ours)].filter((i) => reference.has(i)).length;
      const rho = spearman(ours, theirs);
      worstLikelihoodGap = Math.max(worstLikelihoodGap, gap);
      fewestShared = Math.min(fewestShared, shared);
      lowestSpearman = Math.min(lowestSpearman, rho);
      if (gap > LIKELIHOOD_SLACK || shared < 9 || rho < 0.99) {
        failures.push(
          `case ${index}: likelihood gap ${gap}, best-ten shared ${shared}, spearman ${rho}` +
            `, theta [${surrogate.process.theta}] vs [${c.theta}]`,
        );
      }
    });

    console.log(
      `gp golden, own fit: reference LML - ours at most ${worstLikelihoodGap.toExponential(2)}` +
        `, fewest shared of the best ten ${fewestShared}, lowest spearman ${lowestSpearman}`,
    );
    assert.deepEqual(failures, []);
  });
});
