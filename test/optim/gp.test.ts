/**
 * The Gaussian process on data small enough to work out by hand, its likelihood gradient,
 * the hyper-parameter fit, the scaler and the bounded ascent behind the fit.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import seedrandom from 'seedrandom';

import { maximiseInBox } from '../../src/optim/bounded-ascent.js';
import { GaussianProcess, GP_LOG_BOUNDS, type GpTheta } from '../../src/optim/gp.js';
import { StandardScaler } from '../../src/optim/standard-scaler.js';
import { ascendingOrder, Surrogate } from '../../src/optim/surrogate.js';

const LOG_TWO_PI = Math.log(2 * Math.PI);

function assertClose(actual: number, expected: number, tolerance = 1e-9, what = ''): void {
  const error = Math.abs(actual - expected) / Math.max(1, Math.abs(expected));
  assert.ok(error <= tolerance, `${what} ${actual} vs ${expected} (error ${error})`);
}

// Two standardised points x = -1, +1 with targets -1, +1. With sigma0^2 = c and noise s the
// training covariance is [[c+1+s, c-1], [c-1, c+1+s]], whose eigenvectors are (1, 1) with
// eigenvalue 2c+s and (1, -1) with eigenvalue 2+s; y lies along (1, -1).
const TWO_X = [[-1], [1]];
const TWO_Y = [-1, 1];

describe('Gaussian process posterior', () => {
  it('matches the hand-worked posterior at sigma0 = 1, noise = 1', () => {
    // K = 3 I, weights y / 3; at x* = 2: k* = (-1, 3), so mean = 1/3 + 1 = 4/3 and
    // variance = (1 + 4 + 1) - (1 + 9) / 3 = 8/3.
    const gp = GaussianProcess.fit(TWO_X, TWO_Y, { theta: [0, 0] });
    const { mean, std } = gp.predict([[2]]);
    assertClose(mean[0], 4 / 3, 1e-9, 'mean');
    assertClose(std[0], Math.sqrt(8 / 3), 1e-9, 'std');

    // log p(y) = -y^T K^-1 y / 2 - log det K / 2 - log(2 pi) = -1/3 - log 3 - log(2 pi)
    assertClose(gp.logMarginalLikelihood, -1 / 3 - Math.log(3) - LOG_TWO_PI, 1e-9, 'LML');
  });

  it('matches the hand-worked posterior at sigma0 = 2, noise = 0.5', () => {
    // Eigenvalues 8.5 along (1, 1) and 2.5 along (1, -1); weights y / 2.5 = (-0.4, 0.4).
    // At x* = 2: k* = (2, 6) = 4 (1, 1) - 2 (1, -1), so mean = -0.8 + 2.4 = 1.6 and
    // variance = (4 + 4 + 0.5) - 16 * 2 / 8.5 - 4 * 2 / 2.5.
    const theta: GpTheta = [Math.log(2), Math.log(0.5)];
    const gp = GaussianProcess.fit(TWO_X, TWO_Y, { theta });
    const { mean, std } = gp.predict([[2], [0]]);
    assertClose(mean[0], 1.6, 1e-9, 'mean');
    assertClose(std[0], Math.sqrt(8.5 - 32 / 8.5 - 8 / 2.5), 1e-9, 'std');

    // At x* = 0: k* = (4, 4) lies along (1, 1), orthogonal to the weights.
    assertClose(mean[1], 0, 1e-9, 'mean at 0');
    assertClose(std[1], Math.sqrt(4.5 - 32 / 8.5), 1e-9, 'std at 0');

    // log p(y) = -(2 / 2.5) / 2 - log(8.5 * 2.5) / 2 - log(2 pi); the gradient follows from
    // tr((w w^T - K^-1) dK) / 2 with w = (-0.4, 0.4) and tr(K^-1) = 1/8.5 + 1/2.5.
    const { value, gradient } = GaussianProcess.likelihood(TWO_X, TWO_Y, theta);
    assertClose(value, -0.4 - 0.5 * Math.log(8.5 * 2.5) - LOG_TWO_PI, 1e-9, 'LML');
    assertClose(gradient[0], 4 * (0 - 2 / 8.5), 1e-9, 'd/dlog sigma0');
    assertClose(gradient[1], 0.25 * (0.32 - 1 / 8.5 - 1 / 2.5), 1e-9, 'd/dlog noise');
  });

  it('standardises raw data before the process, as the reference regressor sees it', () => {
    // x = 3, 5 and y = 10, 30 standardise to -1, +1; x* = 6 standardises to 2.
    const surrogate = Surrogate.fit([[3], [5]], [10, 30], { theta: [0, 0] });
    const { mean, std } = surrogate.predict([[6]]);
    assertClose(mean[0], 4 / 3, 1e-9, 'mean');
    assertClose(std[0], Math.sqrt(8 / 3), 1e-9, 'std');
    assertClose(surrogate.acquisition([[6]])[0], 4 / 3 - Math.sqrt(8 / 3), 1e-9, 'acquisition');
  });

  it('has a likelihood gradient that agrees with finite differences', () => {
    const rng = seedrandom('gp-gradient');
    const x = Array.from({ length: 12 }, () => [rng() * 4, rng() - 0.5, rng() * rng()]);
    const y = x.map((row) => row[0] - 2 * row[1] + 0.3 * rng());
    const scaledX = StandardScaler.fit(x).transform(x);
    const scaledY = StandardScaler.fitValues(y).transformValues(y);
    const theta: GpTheta = [-0.7, -1.3];
    const { gradient } = GaussianProcess.likelihood(scaledX, scaledY, theta);
    const h = 1e-5;
    for (const k of [0, 1]) {
      const up: GpTheta = k === 0 ? [theta[0] + h, theta[1]] : [theta[0], theta[1] + h];
      const down: GpTheta = k === 0 ? [theta[0] - h, theta[1]] : [theta[0], theta[1] - h];
      const numeric =
        (GaussianProcess.likelihood(scaledX, scaledY, up).value -
          GaussianProcess.likelihood(scaledX, scaledY, down).value) /
        (2 * h);
      assertClose(gradient[k], numeric, 1e-6, `component ${k}`);
    }
  });
});

describe('Gaussian process hyper-parameter fit', () => {
  it('reaches a likelihood no grid point in the bounds beats', () => {
    const rng = seedrandom('gp-fit');
    const x = Array.from({ length: 25 }, () => [rng() * 10, rng() * 3, rng()]);
    const y = x.map((row) => row[0] * row[1] + 5 * rng());
    const scaledX = StandardScaler.fit(x).transform(x);
    const scaledY = StandardScaler.fitValues(y).transformValues(y);
    const gp = GaussianProcess.fit(scaledX, scaledY);
    const [low, high] = GP_LOG_BOUNDS;
    for (const value of gp.theta) assert.ok(value >= low && value <= high, `theta ${gp.theta}`);

    let bestOnGrid = -Infinity;
    for (let i = 0; i <= 40; i++) {
      for (let j = 0; j <= 40; j++) {
        const theta: GpTheta = [low + ((high - low) * i) / 40, low + ((high - low) * j) / 40];
        const { value } = GaussianProcess.likelihood(scaledX, scaledY, theta);
        bestOnGrid = Math.max(bestOnGrid, value);
      }
    }
    assert.ok(gp.logMarginalLikelihood >= bestOnGrid - 1e-9, `${gp.logMarginalLikelihood}`);

    // With centred data the offset sigma0 only costs likelihood, so it goes to its bound.
    assertClose(gp.theta[0], low, 1e-12, 'log sigma0');
  });
});

describe('StandardScaler', () => {
  it('centres and divides by the population deviation, leaving a constant column unscaled', () => {
    const scaler = StandardScaler.fit([
      [1, 8, 2],
      [3, 8, 2],
      [5, 8, 2],
    ]);
    assert.deepEqual(scaler.mean, [3, 8, 2]);
    assertClose(scaler.scale[0], Math.sqrt(8 / 3), 1e-15, 'scale');
    assert.deepEqual(scaler.scale.slice(1), [1, 1]);
    const [row] = scaler.transform([[7, 9, 2]]);
    assertClose(row[0], 4 / Math.sqrt(8 / 3), 1e-15, 'scaled');
    assert.deepEqual(row.slice(1), [1, 0]);
  });

  it('refuses rows of the wrong width', () => {
    const scaler = StandardScaler.fit([[1, 2]]);
    assert.throws(() => scaler.transform([[1]]), /1 features, the scaler was fitted on 2/);
  });
});

describe('maximiseInBox', () => {
  const bowl = (centre: number[]) => (p: readonly number[]) => ({
    value: -((p[0] - centre[0]) ** 2) - 4 * (p[1] - centre[1]) ** 2 - p[0] * p[1],
    gradient: [-2 * (p[0] - centre[0]) - p[1], -8 * (p[1] - centre[1]) - p[0]],
  });

  it('finds an interior maximum', () => {
    // Stationary point: 2(x - 1) + y = 0 and 8(y + 1) + x = 0, so x = 1.6, y = -1.2.
    const result = maximiseInBox(bowl([1, -1]), [0, 0], [-5, -5], [5, 5]);
    assertClose(result.point[0], 1.6, 1e-7, 'x');
    assertClose(result.point[1], -1.2, 1e-7, 'y');
  });

  it('stops on a bound the maximum lies beyond', () => {
    // With x <= 1 the best is x = 1 and 8(y + 1) + 1 = 0, so y = -1.125.
    const result = maximiseInBox(bowl([1, -1]), [0, 0], [-5, -5], [1, 5]);
    assert.equal(result.point[0], 1);
    assertClose(result.point[1], -1.125, 1e-7, 'y');
  });

  it('never ends below its start', () => {
    const start = [4, 4];
    const result = maximiseInBox(bowl([1, -1]), start, [-5, -5], [5, 5], { maxIterations: 1 });
    assert.ok(result.value >= bowl([1, -1])(start).value);
  });
});

describe('ascendingOrder', () => {
  it('sorts indices by score and keeps ties in their original order', () => {
    assert.deepEqual(ascendingOrder([3, 1, 2, 1]), [1, 3, 2, 0]);
  });
});
