/**
 * Maximises a smooth function of a few variables inside a box, from its value and gradient.
 *
 * The reference fits its kernel hyper-parameters with scipy's L-BFGS-B. Here the problem has
 * two variables, so a projected quasi-Newton method (dense BFGS inverse Hessian, variables
 * held at a bound while the gradient pushes outward, Armijo backtracking along the projected
 * path, plus a jump straight to a bound when that pays off) is enough and easy to check.
 * Every accepted step raises the value, so the result is never worse than the start.
 */

export interface ValueAndGradient {
  readonly value: number;
  readonly gradient: readonly number[];
}

export interface AscentOptions {
  /** Stop once every free gradient component is below this. */
  readonly gradientTolerance?: number;
  /** Stop once one step gains less than this, relative to max(1, |value|). */
  readonly relativeGainTolerance?: number;
  readonly maxIterations?: number;
  /** Largest move of any variable in one step; keeps the first, unscaled steps sane. */
  readonly maxStep?: number;
}

export interface AscentResult {
  readonly point: number[];
  readonly value: number;
  readonly iterations: number;
}

interface Evaluated {
  readonly point: number[];
  readonly value: number;
  readonly gradient: number[];
}

const SUFFICIENT_GAIN = 1e-4;
const MAX_HALVINGS = 60;

export function maximiseInBox(
  objective: (point: readonly number[]) => ValueAndGradient,
  start: readonly number[],
  lower: readonly number[],
  upper: readonly number[],
  options: AscentOptions = {},
): AscentResult {
  const gradientTolerance = options.gradientTolerance ?? 1e-9;
  const relativeGainTolerance = options.relativeGainTolerance ?? 1e-15;
  const maxIterations = options.maxIterations ?? 200;
  const maxStep = options.maxStep ?? 5;
  const size = start.length;
  const clamp = (point: readonly number[]): number[] =>
    point.map((x, i) => Math.min(upper[i], Math.max(lower[i], x)));

  // Work on the negated objective, so the textbook minimisation formulas apply unchanged.
  const evaluate = (point: number[]): { value: number; gradient: number[] } => {
    const result = objective(point);
    return { value: -result.value, gradient: result.gradient.map((g) => -g) };
  };
  let point = clamp(start);
  let current = evaluate(point);
  if (!Number.isFinite(current.value)) {
    throw new RangeError(`optim: objective is not finite at the start point [${point}]`);
  }
  let inverseHessian = identity(size);
  let iteration = 0;

  // First jump of a single free variable to the bound its gradient points at that lowers the
  // value; a bound whose jump failed once is not tried again.
  const failedJumps = new Set<string>();
  const jumpToBound = (free: readonly boolean[]): Evaluated | undefined => {
    for (let i = 0; i < size; i++) {
      const slope = current.gradient[i];
      if (!free[i] || slope === 0) continue;
      const bound = slope > 0 ? lower[i] : upper[i];
      const key = `${i}:${bound}`;
      if (point[i] === bound || failedJumps.has(key)) continue;
      const trial = point.map((x, j) => (j === i ? bound : x));
      const evaluated = evaluate(trial);
      if (evaluated.value < current.value) return { point: trial, ...evaluated };
      failedJumps.add(key);
    }
    return undefined;
  };

  for (; iteration < maxIterations; iteration++) {
    const gradient = current.gradient;

    // A variable sitting on a bound with the descent direction pointing out of the box is held.
    const free = gradient.map(
      (g, i) => !((point[i] <= lower[i] && g > 0) || (point[i] >= upper[i] && g < 0)),
    );
    const freeGradientNorm = Math.max(0, ...gradient.map((g, i) => (free[i] ? Math.abs(g) : 0)));
    if (freeGradientNorm < gradientTolerance) break;

    // Try moving one variable straight to a bound. The GP likelihood, for one, is monotone in
    // sigma0 and flattens out exponentially towards its lower bound, where quasi-Newton steps
    // only crawl; a jump that pays off settles that variable at once. Each bound is given up
    // after its first failed jump, so this costs a few evaluations at most.
    const jump = jumpToBound(free);
    if (jump) {
      point = jump.point;
      current = jump;
      inverseHessian = identity(size);
      continue;
    }

    // Quasi-Newton direction on the free variables; fall back to steepest descent (and forget
    // the curvature estimate) when it does not point downhill.
    let direction = quasiNewtonDirection(inverseHessian, gradient, free);
    if (dot(direction, gradient) >= 0) {
      inverseHessian = identity(size);
      direction = gradient.map((g, i) => (free[i] ? -g : 0));
    }
    const longest = Math.max(...direction.map(Math.abs));
    if (longest > maxStep) direction = direction.map((d) => (d * maxStep) / longest);

    // Backtrack along the projected path until the decrease is sufficient.
    let accepted: Evaluated | undefined;
    for (let halving = 0, step = 1; halving < MAX_HALVINGS; halving++, step /= 2) {
      const trial = clamp(point.map((x, i) => x + step * direction[i]));
      const moved = trial.map((x, i) => x - point[i]);
      if (moved.every((m) => m === 0)) break;
      const evaluated = evaluate(trial);
      const required = current.value + SUFFICIENT_GAIN * dot(gradient, moved);
      if (Number.isFinite(evaluated.value) && evaluated.value <= required) {
        accepted = { point: trial, ...evaluated };
        break;
      }
    }
    if (!accepted) break;

    // BFGS update of the inverse Hessian, skipped when the curvature condition fails.
    const s = accepted.point.map((x, i) => x - point[i]);
    const y = accepted.gradient.map((g, i) => g - gradient[i]);
    const curvature = dot(s, y);
    if (curvature > 1e-12 * Math.sqrt(dot(s, s) * dot(y, y))) {
      inverseHessian = bfgsUpdate(inverseHessian, s, y, curvature);
    }
    const gain = current.value - accepted.value;
    point = accepted.point;
    current = accepted;
    if (gain <= relativeGainTolerance * Math.max(1, Math.abs(current.value))) break;
  }
  return { point, value: -current.value, iterations: iteration };
}

function quasiNewtonDirection(
  inverseHessian: number[][],
  gradient: readonly number[],
  free: readonly boolean[],
): number[] {
  return gradient.map((_, row) => {
    if (!free[row]) return 0;
    let sum = 0;
    for (let column = 0; column < gradient.length; column++) {
      if (free[column]) sum -= inverseHessian[row][column] * gradient[column];
    }
    return sum;
  });
}

/** H' = (I - r s y^T) H (I - r y s^T) + r s s^T with r = 1 / (s . y). */
function bfgsUpdate(h: number[][], s: number[], y: number[], curvature: number): number[][] {
  const r = 1 / curvature;
  const size = s.length;
  const hy = h.map((row) => dot(row, y));
  const yhy = dot(y, hy);
  const updated = identity(size);
  for (let i = 0; i < size; i++) {
    for (let j = 0; j < size; j++) {
      updated[i][j] =
        h[i][j] - r * (s[i] * hy[j] + hy[i] * s[j]) + (r * r * yhy + r) * s[i] * s[j];
    }
  }
  return updated;
}

function dot(a: readonly number[], b: readonly number[]): number {
  let sum = 0;
  for (let i = 0; i < a.length; i++) sum += a[i] * b[i];
  return sum;
}

function identity(size: number): number[][] {
  return Array.from({ length: size }, (_, i) => Array.from({ length: size }, (_, j) => +(i === j)));
}
