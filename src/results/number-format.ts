/**
 * Numbers printed the way C's printf (and Python's format, which follows it) prints them, so
 * that out.txt and the comparison CSV read exactly like the reference's. JavaScript's
 * toExponential and toFixed differ in two ways: the exponent has no minimum of two digits, and
 * an exact tie rounds away from zero where printf rounds to even (1.0625 to three decimals is
 * 1.062 in C, 1.063 in JavaScript).
 */

/** `%.<digits>e`: 12345 with 4 digits is `1.2345e+04`. */
export function formatExponential(value: number, digits: number): string {
  if (!Number.isFinite(value)) return nonFinite(value);
  if (value === 0) return `${Object.is(value, -0) ? '-' : ''}${(0).toFixed(digits)}e+00`;

  const sign = value < 0 ? '-' : '';
  const { digitString, exponent } = exactDigits(Math.abs(value));
  // Keep digits+1 significant digits, rounding the exact expansion half to even.
  let kept = roundDigits(digitString, digits + 1);
  let power = exponent;
  if (kept.length > digits + 1) {
    kept = kept.slice(0, digits + 1);
    power += 1;
  }
  const mantissa = digits > 0 ? `${kept[0]}.${kept.slice(1)}` : kept[0];
  const exponentText = String(Math.abs(power)).padStart(2, '0');
  return `${sign}${mantissa}e${power < 0 ? '-' : '+'}${exponentText}`;
}

/** `%.<digits>f`: 2.345 with 2 digits is `2.35` only if 2.345 is above the tie, as in C. */
export function formatFixed(value: number, digits: number): string {
  if (!Number.isFinite(value)) return nonFinite(value);
  const sign = value < 0 || Object.is(value, -0) ? '-' : '';
  const magnitude = Math.abs(value);
  if (magnitude >= 1e21) {
    // Every double this large is an integer, and BigInt prints all of its digits exactly.
    const whole = BigInt(magnitude).toString();
    return `${sign}${whole}${digits > 0 ? `.${'0'.repeat(digits)}` : ''}`;
  }

  // toFixed(100) is exact for every double below 1e21 down to the 100th decimal; a double
  // needs more decimals only far below anything printed with a handful of decimals.
  const [whole, fraction] = magnitude.toFixed(100).split('.');
  const all = whole + fraction;
  const rounded = roundDigits(all, whole.length + digits);
  const wholeDigits = rounded.length - digits;
  const wholeText = rounded.slice(0, wholeDigits).replace(/^0+(?=\d)/, '');
  const text = digits > 0 ? `${wholeText}.${rounded.slice(wholeDigits)}` : wholeText;
  return `${sign}${text}`;
}

/** `%<width>e` (default precision 6), right-aligned to width: Python's `{:4e}`. */
export function formatExponentialWidth(value: number, width: number): string {
  return formatExponential(value, 6).padStart(width, ' ');
}

/** The significant digits of a positive double, exactly, and its decimal exponent. */
function exactDigits(magnitude: number): { digitString: string; exponent: number } {
  // 100 significant digits: any double whose exact expansion is longer cannot be an exact
  // tie at the few digits printed, so rounding the longer expansion gives the same answer.
  const [mantissa, exponent] = magnitude.toExponential(99).split('e');
  return { digitString: mantissa.replace('.', ''), exponent: Number(exponent) };
}

/**
 * Rounds a string of decimal digits to `keep` digits, half to even on an exact tie. The result
 * may be one digit longer when rounding carries out of the first digit (999 -> 1000).
 */
function roundDigits(digitString: string, keep: number): string {
  if (digitString.length <= keep) return digitString.padEnd(keep, '0');
  const head = digitString.slice(0, keep);
  const next = digitString.charCodeAt(keep) - 48;
  const rest = digitString.slice(keep + 1);
  const beyondHalf = next > 5 || (next === 5 && /[1-9]/.test(rest));
  const exactTie = next === 5 && !/[1-9]/.test(rest);
  const lastIsOdd = keep > 0 && (head.charCodeAt(keep - 1) - 48) % 2 === 1;
  if (!(beyondHalf || (exactTie && lastIsOdd))) return head === '' ? '0' : head;
  return incrementDigits(head === '' ? '0' : head);
}

function incrementDigits(digits: string): string {
  const chars = digits.split('');
  let index = chars.length - 1;
  while (index >= 0) {
    if (chars[index] === '9') {
      chars[index] = '0';
      index -= 1;
      continue;
    }
    chars[index] = String.fromCharCode(chars[index].charCodeAt(0) + 1);
    return chars.join('');
  }
  return `1${chars.join('')}`;
}

function nonFinite(value: number): string {
  if (Number.isNaN(value)) return 'nan';
  return value > 0 ? 'inf' : '-inf';
}
