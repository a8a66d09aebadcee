/**
 * The feature-space Gaussian-process solver. The kernel sigma0^2 + x . y is the inner product
 * of phi(x) = [sigma0, x], so with Phi the n x p matrix of training phi's (p = d + 1) and
 * s = noise + jitter the training covariance is K = Phi Phi^T + s I. Everything the process
 * needs then follows from the p x p matrix A = Phi^T Phi + s I:
 *
 *   K^-1 = (I - Phi A^-1 Phi^T) / s                       (Woodbury)
 *   log det K = (n - p) log s + log det A                  (determinant lemma)
 *   c = A^-1 Phi^T y = Phi^T K^-1 y,  r = y - Phi c = s K^-1 y
 *   y^T K^-1 y = |r|^2 / s + |c|^2                         (ridge objective at its minimum)
 *   tr K^-1 = (n - p) / s + tr A^-1
 *   mean(x*) = phi*^T c,  var(x*) = noise + s phi*^T A^-1 phi*
 *
 * A likelihood evaluation costs O(n p + p^3) instead of O(n^3), a prediction O(p^2) instead of
 * O(n^2). The likelihood and the variance are sums of non-negative terms, so nothing cancels
 * in them (the direct solver's k** - |L^-1 k*|^2 does, and its covariance rounds the data away
 * against a large sigma0^2); the quadratic forms are taken as ridge objectives, whose value
 * errs only quadratically in c. With n <= p nothing is saved and (n - p) / s in the trace would
 * cancel against tr A^-1, so the caller uses the direct solver there.
 */
import {
  checkTrainingShape,
  type GpSolverPath,
  type GpTheta,
  HALF_LOG_TWO_PI,
  IMPOSSIBLE,
  type KernelScales,
  kernelScales,
  type LikelihoodAndGradient,
  type Posterior,
  type Rows,
} from './gp-kernel.js';
import {
  choleskyInPlace,
  dot,
  halfLogDeterminant,
  lowerInverseSquaredNorm,
  type Rows64,
  solveFactored,
  solveLowerInto,
} from './linear-algebra.js';

/** Sum and sum of squares of a residual t - Phi c. */
interface Residual {
  readonly sum: number;
  readonly squares: number;
}

class FeaturePosterior implements Posterior {
  /** L^-1, lower triangle row-major, made on the first prediction (trials never predict). */
  private inverseFactor: Float64Array | undefined;

  constructor(
    private readonly scales: KernelScales,
    /** Cholesky factor of A = Phi^T Phi + s I. */
    readonly lower: Rows64,
    /** c = A^-1 Phi^T y: the mean is phi*^T c. */
    readonly coefficients: Float64Array,
    /** Of r = y - Phi c = s K^-1 y, for the likelihood gradient. */
    readonly residual: Residual,
    readonly logLikelihood: number,
  ) {}

  /**
   * Inverting L once (O(p^3)) turns each candidate's triangular solve, a chain of dependent
   * divisions, into independent dot products: about twice as fast per candidate at p = 31.
   */
  private invertedFactor(): Float64Array {
    if (this.inverseFactor) return this.inverseFactor;
    const width = this.coefficients.length;
    const inverse = new Float64Array(width * width);
    const unit = new Float64Array(width);
    const column = new Float64Array(width);
    for (let c = 0; c < width; c++) {
      unit.fill(0);
      unit[c] = 1;
      solveLowerInto(this.lower, unit, column);
      for (let i = c; i < width; i++) inverse[i * width + c] = column[i];
    }
    this.inverseFactor = inverse;
    return inverse;
  }

  predictInto(x: Rows, mean: Float64Array, std: Float64Array): void {
    const { sigma0, noise, diagonal } = this.scales;
    const width = this.coefficients.length;
    const inverse = this.invertedFactor();
    const phi = new Float64Array(width);

    for (let row = 0; row < x.length; row++) {
      const features = x[row];
      if (features.length !== width - 1) {
        throw new RangeError(
          `optim: candidate has ${features.length} features, the process has ${width - 1}`,
        );
      }
      phi[0] = sigma0;
      for (let k = 1; k < width; k++) phi[k] = features[k - 1];
      mean[row] = dot(phi, this.coefficients);

      // Prior variance minus what the data explains, phi^T (I - Phi^T K^-1 Phi) phi, equals
      // s phi^T A^-1 phi = s |L^-1 phi|^2: a sum of squares, so it needs no clipping at zero.
      let squares = 0;
      for (let i = 0, start = 0; i < width; i++, start += width) {
        let z = 0;
        for (let k = 0; k <= i; k++) z += inverse[start + k] * phi[k];
        squares += z * z;
      }
      std[row] = Math.sqrt(noise + diagonal * squares);
    }
  }
}

export class FeatureSolver implements GpSolverPath {
  private readonly size: number;
  private readonly featureCount: number;
  private readonly rows: Rows64;
  private readonly targets: Float64Array;
  private readonly ones: Float64Array;

  // Moments of the training data: every A and Phi^T t below is built from them in O(p^2).
  /** X^T X, lower triangle. */
  private readonly crossProducts: Rows64;
  /** X^T 1 (near zero for standardised inputs, but not assumed so). */
  private readonly featureSums: Float64Array;
  /** X^T y. */
  private readonly targetProducts: Float64Array;
  private readonly targetSum: number;

  constructor(x: Rows, y: readonly number[]) {
    checkTrainingShape(x, y);
    this.size = x.length;
    this.featureCount = x[0].length;
    const d = this.featureCount;
    this.rows = x.map((row, index) => {
      if (row.length !== d) {
        throw new RangeError(
          `optim: training row ${index} has ${row.length} features, but row 0 has ${d}`,
        );
      }
      return Float64Array.from(row);
    });
    this.targets = Float64Array.from(y);
    this.ones = new Float64Array(this.size).fill(1);

    this.crossProducts = Array.from({ length: d }, () => new Float64Array(d));
    this.featureSums = new Float64Array(d);
    this.targetProducts = new Float64Array(d);
    let targetSum = 0;
    for (let i = 0; i < this.size; i++) {
      const row = this.rows[i];
      const target = this.targets[i];
      targetSum += target;
      for (let a = 0; a < d; a++) {
        this.featureSums[a] += row[a];
        this.targetProducts[a] += row[a] * target;
        const products = this.crossProducts[a];
        for (let b = 0; b <= a; b++) products[b] += row[a] * row[b];
      }
    }
    this.targetSum = targetSum;
  }

  /** Phi^T t for t = y (or 1), from the stored moments. */
  private projected(sigma0: number, sum: number, products: Float64Array): Float64Array {
    const out = new Float64Array(this.featureCount + 1);
    out[0] = sigma0 * sum;
    out.set(products, 1);
    return out;
  }

  /** Factor of A = Phi^T Phi + s I; undefined when rounding leaves it indefinite. */
  private factor(scales: KernelScales): Rows64 | undefined {
    const { sigma0, diagonal } = scales;
    const d = this.featureCount;
    const a: Rows64 = Array.from({ length: d + 1 }, () => new Float64Array(d + 1));
    a[0][0] = this.size * sigma0 * sigma0 + diagonal;
    for (let i = 0; i < d; i++) {
      const row = a[i + 1];
      row[0] = sigma0 * this.featureSums[i];
      row.set(this.crossProducts[i].subarray(0, i + 1), 1);
      row[i + 1] += diagonal;
    }
    return choleskyInPlace(a) ? a : undefined;
  }

  /** Sum and squares of t - Phi c, row by row (the one O(n p) step of a trial). */
  private residual(sigma0: number, targets: Float64Array, c: Float64Array): Residual {
    const d = this.featureCount;
    const intercept = sigma0 * c[0];
    let sum = 0;
    let squares = 0;
    for (let i = 0; i < this.size; i++) {
      const row = this.rows[i];
      let fitted = intercept;
      for (let k = 0; k < d; k++) fitted += row[k] * c[k + 1];
      const r = targets[i] - fitted;
      sum += r;
      squares += r * r;
    }
    return { sum, squares };
  }

  posterior(theta: GpTheta): FeaturePosterior | undefined {
    const scales = kernelScales(theta);
    const lower = this.factor(scales);
    if (!lower) return undefined;
    const { sigma0, diagonal } = scales;
    const n = this.size;
    const p = this.featureCount + 1;

    const coefficients = solveFactored(
      lower,
      this.projected(sigma0, this.targetSum, this.targetProducts),
    );
    const residual = this.residual(sigma0, this.targets, coefficients);

    // log p(y) = -y^T K^-1 y / 2 - log det K / 2 - n log(2 pi) / 2
    const quadratic = residual.squares / diagonal + dot(coefficients, coefficients);
    const halfLogDet = 0.5 * (n - p) * Math.log(diagonal) + halfLogDeterminant(lower);
    const logLikelihood = -0.5 * quadratic - halfLogDet - n * HALF_LOG_TWO_PI;
    return new FeaturePosterior(scales, lower, coefficients, residual, logLikelihood);
  }

  /**
   * Log marginal likelihood and its gradient in log space, the same formulas as the direct
   * solver (dL/dt = tr((w w^T - K^-1) dK/dt) / 2) with each term taken through A:
   * w = r / s, and 1^T K^-1 1 is the ridge objective of the targets 1.
   */
  likelihood(theta: GpTheta): LikelihoodAndGradient {
    const fit = this.posterior(theta);
    if (!fit) return IMPOSSIBLE;
    const { sigma0, offset, noise, diagonal } = kernelScales(theta);
    const n = this.size;
    const p = this.featureCount + 1;

    const onesCoefficients = solveFactored(
      fit.lower,
      this.projected(sigma0, n, this.featureSums),
    );
    const onesResidual = this.residual(sigma0, this.ones, onesCoefficients);
    const onesQuadratic =
      onesResidual.squares / diagonal + dot(onesCoefficients, onesCoefficients);
    const weightSum = fit.residual.sum / diagonal;
    const weightSquares = fit.residual.squares / (diagonal * diagonal);
    const inverseTrace = (n - p) / diagonal + lowerInverseSquaredNorm(fit.lower);

    const bySigma0 = offset * (weightSum * weightSum - onesQuadratic);
    const byNoise = 0.5 * noise * (weightSquares - inverseTrace);
    return { value: fit.logLikelihood, gradient: [bySigma0, byNoise] };
  }
}
