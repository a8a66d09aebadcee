/**
 * The feature-space Gaussian-process solver against the direct n x n one on seeded random
 * data, and against closed forms where the direct one itself loses precision.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import seedrandom from 'seedrandom';

import {
  chooseSolver,
  GaussianProcess,
  GP_DIAGONAL_JITTER,
  type GpTheta,
} from '../../src/optim/gp.js';
import { StandardScaler } from '../../src/optim/standard-scaler.js';

const AGREEMENT = 1e-9;

/** |a - b| relative to max(1, |b|): likelihoods and gradients are sums of O(n / s) terms. */
function scaledError(actual: number, expected: number): number {
  return Math.abs(actual - expected) / Math.max(1, Math.abs(expected));
}

/** Relative error, floored at 1e-12 as the golden test measures predictions. */
function relativeError(actual: number, expected: number): number {
  return Math.abs(actual - expected) / Math.max(Math.abs(expected), 1e-12);
}

/**
 * Standardised data shaped like raw BO features: powers of two, wide and narrow spreads, and
 * (from 8 features on) a duplicated and a constant column, so Phi^T Phi is singular and only
 * the noise keeps A = Phi^T Phi + s I invertible.
 */
function dataset(seed: string, count: number, width: number) {
  const rng = seedrandom(seed);
  const draw = (rows: number) =>
    Array.from({ length: rows }, () => {
      const row = Array.from({ length: width }, (_, k) =>
        k % 3 === 0 ? 2 ** Math.floor(rng() * 8) : rng() * (k + 1),
      );
      if (width >= 8) {
        row[width - 1] = row[1];
        row[width - 2] = 7;
      }
      return row;
    });
  const raw = draw(count);
  const target = raw.map((row) => {
    const trend = row.reduce((sum, v, k) => sum + (k % 2 ? v : -0.5 * v), 0);
    return Math.log(1 + trend * trend) + rng();
  });
  const scaler = StandardScaler.fit(raw);
  return {
    x: scaler.transform(raw),
    y: StandardScaler.fitValues(target).transformValues(target),
    // Candidates reach outside the training range, as a BO batch does.
    candidates: scaler.transform(draw(200).map((row) => row.map((v) => 1.5 * v))),
  };
}

const SHAPES: readonly (readonly [count: number, width: number])[] = [
  [5, 3],
  [12, 3],
  [30, 6],
  [60, 6],
  [100, 6],
  [40, 30],
  [100, 30],
];

// Where the direct solver is itself accurate to 1e-9 (sigma0 <= e^3, noise >= e^-5). Beyond,
// its covariance sigma0^2 11^T + X X^T + s I rounds away the data against sigma0^2, or is
// too ill-conditioned, and the closed-form cases below check the feature solver instead.
const LOG_SIGMA0S = [-11.5, -9, -4, -1, 0, 1.5, 3];
const LOG_NOISES = [-5, -2, -0.5, 0, 1, 4];

describe('feature-space Gaussian-process solver', () => {
  it('is chosen only when there are more training points than kernel features', () => {
    assert.equal(chooseSolver(8, 6), 'features');
    assert.equal(chooseSolver(7, 6), 'direct');
    assert.equal(chooseSolver(30, 30), 'direct');
    const small = dataset('choice', 4, 3);
    assert.equal(GaussianProcess.fit(small.x, small.y, { theta: [0, 0] }).solver, 'direct');
    const large = dataset('choice', 5, 3);
    assert.equal(GaussianProcess.fit(large.x, large.y, { theta: [0, 0] }).solver, 'features');
  });

  it('names the training row whose width differs, and both widths', () => {
    const { x, y } = dataset('ragged', 6, 3);
    const ragged = x.map((row, i) => (i === 4 ? row.slice(0, 2) : row));
    assert.throws(() => GaussianProcess.fit(ragged, y, { theta: [0, 0], solver: 'features' }), {
      name: 'RangeError',
      message: 'optim: training row 4 has 2 features, but row 0 has 3',
    });
  });

  it('has the direct solver likelihood and gradient on random data', () => {
    for (const [count, width] of SHAPES) {
      const { x, y } = dataset(`likelihood ${count} ${width}`, count, width);
      for (const logSigma0 of LOG_SIGMA0S) {
        for (const logNoise of LOG_NOISES) {
          const theta: GpTheta = [logSigma0, logNoise];
          const fast = GaussianProcess.likelihood(x, y, theta, { solver: 'features' });
          const direct = GaussianProcess.likelihood(x, y, theta, { solver: 'direct' });
          const where = `n ${count}, d ${width}, theta [${theta}]`;
          const error = Math.max(
            scaledError(fast.value, direct.value),
            scaledError(fast.gradient[0], direct.gradient[0]),
            scaledError(fast.gradient[1], direct.gradient[1]),
          );
          assert.ok(error <= AGREEMENT, `${where}: ${JSON.stringify([fast, direct])}`);
        }
      }
    }
  });

  it('predicts the direct solver mean and std on random data', () => {
    for (const [count, width] of SHAPES) {
      const { x, y, candidates } = dataset(`predict ${count} ${width}`, count, width);
      for (const theta of [[-9.5, 0.05], [-11.5, -3], [0, 0], [2, 1]] as GpTheta[]) {
        const fast = GaussianProcess.fit(x, y, { theta, solver: 'features' });
        const direct = GaussianProcess.fit(x, y, { theta, solver: 'direct' });
        const where = `n ${count}, d ${width}, theta [${theta}]`;
        const lml = scaledError(fast.logMarginalLikelihood, direct.logMarginalLikelihood);
        assert.ok(lml <= AGREEMENT, `${where}: LML off by ${lml}`);
        const a = fast.predict(candidates);
        const b = direct.predict(candidates);
        for (let i = 0; i < candidates.length; i++) {
          const meanError = relativeError(a.mean[i], b.mean[i]);
          const stdError = relativeError(a.std[i], b.std[i]);
          assert.ok(meanError <= AGREEMENT, `${where}, candidate ${i}: mean off ${meanError}`);
          assert.ok(stdError <= AGREEMENT, `${where}, candidate ${i}: std off ${stdError}`);
        }
      }
    }
  });

  it('fits the hyper-parameters the direct solver fits, to the resolution of the fit', () => {
    // The ascent stops once a step gains under 1e-15 of the likelihood, which pins theta only
    // to about sqrt(1e-15) ~ 3e-8 (times 1 / sqrt(curvature)); where inside that the two
    // solvers' rounding leads it is chance (seen: up to 5.5e-8 in log noise, 1e-8 relative
    // in std, 5e-9 std in mean). The fitted likelihoods still agree to 1e-9; theta and the
    // predictions are held to ten times what was seen.
    let worst = { theta: 0, std: 0, mean: 0 };
    for (const [count, width] of SHAPES) {
      const { x, y, candidates } = dataset(`fit ${count} ${width}`, count, width);
      const fast = GaussianProcess.fit(x, y, { solver: 'features' });
      const direct = GaussianProcess.fit(x, y, { solver: 'direct' });
      const where = `n ${count}, d ${width}, theta [${fast.theta}] vs [${direct.theta}]`;
      const lml = scaledError(fast.logMarginalLikelihood, direct.logMarginalLikelihood);
      assert.ok(lml <= AGREEMENT, `${where}: LML off by ${lml}`);

      const a = fast.predict(candidates);
      const b = direct.predict(candidates);
      for (let i = 0; i < candidates.length; i++) {
        worst = {
          theta: Math.max(worst.theta, ...fast.theta.map((t, k) => Math.abs(t - direct.theta[k]))),
          std: Math.max(worst.std, relativeError(a.std[i], b.std[i])),
          // Near-zero means are measured on the scale of the prediction's uncertainty.
          mean: Math.max(worst.mean, Math.abs(a.mean[i] - b.mean[i]) / b.std[i]),
        };
      }
    }
    console.log(`gp solvers, own fits: worst ${JSON.stringify(worst)}`);
    assert.ok(worst.theta <= 5e-7, `theta off by ${worst.theta}`);
    assert.ok(worst.std <= 1e-7, `std off by ${worst.std}`);
    assert.ok(worst.mean <= 5e-8, `mean off by ${worst.mean} std`);
  });

  it('matches closed forms at extreme hyper-parameters, where the direct solver cannot', () => {
    // x = (-1, 1, -1, 1, -1, 1) is orthogonal to 1, and z = (1, 1, -1, -1, 0, 0) to both, so
    // with y = a x + b z the covariance has eigenvalues n c + s along 1, n + s along x and s
    // elsewhere (c = sigma0^2, s = noise + jitter); |x|^2 = 6 and |z|^2 = 4.
    const n = 6;
    const x = [[-1], [1], [-1], [1], [-1], [1]];
    const z = [1, 1, -1, -1, 0, 0];
    const a = 0.7;
    const b = -0.4;
    const y = x.map(([v], i) => a * v + b * z[i]);

    for (const theta of [[11.5, -11.5], [11.5, 0], [-11.5, -11.5], [3, -8]] as GpTheta[]) {
      const c = Math.exp(2 * theta[0]);
      const noise = Math.exp(theta[1]);
      const s = noise + GP_DIAGONAL_JITTER;
      const along1 = n * c + s;
      const alongX = n + s;
      const quadratic = (a * a * n) / alongX + (b * b * 4) / s;
      const logDet = Math.log(along1) + Math.log(alongX) + (n - 2) * Math.log(s);
      const expectedValue = -0.5 * quadratic - 0.5 * logDet - 0.5 * n * Math.log(2 * Math.PI);

      // w = K^-1 y = a x / (n + s) + b z / s sums to zero, so dL/dlog sigma0 = -c 1^T K^-1 1.
      const weightSquares = (a * a * n) / alongX ** 2 + (b * b * 4) / s ** 2;
      const inverseTrace = 1 / along1 + 1 / alongX + (n - 2) / s;
      const bySigma0 = -c * (n / along1);
      const byNoise = 0.5 * noise * (weightSquares - inverseTrace);

      const got = GaussianProcess.likelihood(x, y, theta);
      const where = `theta [${theta}]`;
      assert.ok(relativeError(got.value, expectedValue) <= 1e-12, `${where}: ${got.value}`);
      assert.ok(relativeError(got.gradient[0], bySigma0) <= 1e-12, `${where}: ${got.gradient}`);
      assert.ok(relativeError(got.gradient[1], byNoise) <= 1e-12, `${where}: ${got.gradient}`);

      // At x* = t: mean = t a n / (n + s), variance = c s / (n c + s) + t^2 s / (n + s) + noise.
      const gp = GaussianProcess.fit(x, y, { theta });
      assert.equal(gp.solver, 'features');
      const points = [-3, 0, 0.5, 2];
      const { mean, std } = gp.predict(points.map((t) => [t]));
      points.forEach((t, i) => {
        const variance = (c * s) / along1 + (t * t * s) / alongX + noise;
        const expectedMean = (t * a * n) / alongX;
        assert.ok(Math.abs(mean[i] - expectedMean) <= 1e-12 * Math.max(1, Math.abs(expectedMean)));
        assert.ok(relativeError(std[i], Math.sqrt(variance)) <= 1e-12, `${where}: std at ${t}`);
      });
    }
  });
});
