/**
 * Integer semantics of the reference model (C++ on x86-64), emulated on JavaScript doubles.
 *
 * - C `int` quantities (directive sizes, dims, reuse entries, occurrences, cluster sizes) wrap
 *   at 32 bits: additions are written `(a + b) | 0`, products `Math.imul(a, b)`.
 * - C `long` quantities (volumes, counters, delays) are kept in doubles. They are exact up to
 *   2^53, which the golden cases never exceed where a division truncates (see `isExactLong`).
 * - Every integer division truncates toward zero, also for negative operands, and the
 *   remainder takes the dividend's sign (JavaScript `%` already does).
 */

// LIMITATION: C longs are held in doubles: exact up to 2^53 in magnitude (the golden cases
// reach 1.0e16 only in a runtime sum, which then carries a 1e-16 relative error), and
// int64 wrap-around is not emulated.

/** The value a C `long` gets when converted from NaN or an out-of-range long double (x86). */
export const LONG_MIN = -9223372036854775808;

/** Largest magnitude below which a double holds every integer, so a long stays exact. */
export const EXACT_LONG_LIMIT = 2 ** 53;

/**
 * Raised where the reference divides an integer by zero (SIGFPE) or overflows a division
 * (INT_MIN / -1). The API turns it into a `MaestroInputError` naming the input that led here.
 */
export class ArithmeticFault extends Error {
  constructor(readonly where: string) {
    super(`integer division fault in ${where}`);
    this.name = 'ArithmeticFault';
  }
}

/** C `int` division: both operands int32, quotient truncated toward zero. */
export function idiv(a: number, b: number): number {
  if (b === 0 || (b === -1 && a === -2147483648)) throw new ArithmeticFault('int division');
  return (a / b) | 0;
}

/**
 * C `long` division of integers held in doubles, truncated toward zero. Exact while the
 * dividend stays below 2^52 in magnitude (the quotient's rounding cannot reach the next
 * integer then).
 */
export function ldiv(a: number, b: number): number {
  if (b === 0) throw new ArithmeticFault('long division');
  return Math.trunc(a / b);
}

/** True when a long held in a double is still exact (no precision lost on the way). */
export function isExactLong(x: number): boolean {
  return x > -EXACT_LONG_LIMIT && x < EXACT_LONG_LIMIT;
}

/**
 * C conversion of a long double to `long` as x86 does it: truncation, and LONG_MIN for NaN,
 * infinities and values out of range (the reference relies on this for empty analyses).
 */
export function toLong(x: number): number {
  if (Number.isNaN(x) || x >= 9223372036854775808 || x < LONG_MIN) return LONG_MIN;
  return Math.trunc(x);
}

/** C narrowing of a long (exact integer in a double) to `int`: modulo 2^32, signed. */
export function toInt32(x: number): number {
  return x | 0;
}

/**
 * Integer results computed in doubles can come out as -0 (a negative volume times 0); C has
 * no such value, so anything reported is normalised to 0.
 */
export function plainZero(x: number): number {
  return x === 0 ? 0 : x;
}

/** Smallest positive normal double; below it the binade arithmetic of `repeatedSum` fails. */
const MIN_NORMAL = 2.2250738585072014e-308;

/** 2^-53: a binade [2^e, 2^(e+1)) has a spacing of its top times this. */
const HALF_EPSILON = 2 ** -53;

function plainRepeatedSum(x: number, n: number, start: number, from: number): number {
  let s = start;
  for (let i = from; i < n; i++) s += x;
  return s;
}

/**
 * `x` added `n` times to 0 in double arithmetic, one addition after the other, exactly as the
 * loop `for (i < n) s += x` gives it, in O(log n) steps instead of n.
 *
 * Why it is exact: while the running sum s stays within one binade [2^e, 2^(e+1)), every sum
 * lands on the grid of spacing ulp = 2^(e-52) that s is on, so s + x rounds to s + inc with
 * inc = x rounded to a multiple of ulp, the same inc for every step, unless x / ulp is a tie
 * (then round-half-even depends on s). So all steps that stay below 2^(e+1) are taken at once
 * (s + k * inc is exact there); a step crossing the binade or a tie is one plain addition.
 * Negative x mirrors positive x (rounding to nearest is symmetric); a subnormal or non-finite
 * x takes the plain loop.
 */
export function repeatedSum(x: number, n: number): number {
  if (x < 0) return n > 0 ? -repeatedSum(-x, n) : 0;
  if (!(x >= MIN_NORMAL) || x === Infinity || n <= 0) return plainRepeatedSum(x, n, 0, 0);

  // The sum only grows, so the binade's top (a power of two above s) only doubles.
  let top = 2 ** (Math.floor(Math.log2(x)) + 1);
  if (top <= x) top *= 2;
  else if (top / 2 > x) top /= 2;
  let s = x;
  let i = 1;
  while (i < n) {
    while (top <= s) top *= 2;
    if (top === Infinity) return plainRepeatedSum(x, n, s, i);
    const ulp = top * HALF_EPSILON;
    const q = x / ulp;
    const whole = Math.floor(q);
    const fraction = q - whole;
    const inc = (fraction < 0.5 ? whole : whole + 1) * ulp;
    if (inc === 0) break;

    // The most steps k with s + k * inc still below the binade's top.
    const room = top - s;
    let k = Math.ceil(room / inc) - 1;
    while (k > 0 && k * inc >= room) k--;
    while ((k + 1) * inc < room) k++;
    k = Math.min(k, n - i);
    if (k <= 0 || fraction === 0.5 || q >= 2 ** 52) {
      s += x;
      i++;
      continue;
    }
    s += k * inc;
    i += k;
  }
  return s;
}
