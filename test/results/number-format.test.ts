import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import {
  formatExponential,
  formatExponentialWidth,
  formatFixed,
} from '../../src/results/number-format.js';

describe('printf-style number formats', () => {
  it('pads the exponent to two digits as %e does', () => {
    assert.equal(formatExponential(12345, 4), '1.2345e+04');
    assert.equal(formatExponential(0.005, 3), '5.000e-03');
    assert.equal(formatExponential(1e100, 2), '1.00e+100');
    assert.equal(formatExponential(0, 4), '0.0000e+00');
    assert.equal(formatExponential(-2.5e-7, 1), '-2.5e-07');
  });

  it('rounds an exact tie to even, as C does, where JavaScript rounds up', () => {
    // 1.0625 and 0.125 are exact binary fractions, so the tie is real.
    assert.equal(formatExponential(1.0625, 2), '1.06e+00');
    assert.equal((1.0625).toExponential(2), '1.06e+0');
    assert.equal(formatFixed(0.125, 2), '0.12');
    assert.equal(formatFixed(0.375, 2), '0.38');
    assert.equal(formatFixed(2.5, 0), '2');
    assert.equal(formatFixed(3.5, 0), '4');
  });

  it('rounds by the exact binary value when the decimal text looks like a tie', () => {
    // 2.675 is stored as 2.67499999..., 1.005 as 1.00499999...
    assert.equal(formatFixed(2.675, 2), '2.67');
    assert.equal(formatFixed(1.005, 2), '1.00');
    assert.equal(formatFixed(0.045, 2), '0.04');
  });

  it('carries into a new leading digit', () => {
    assert.equal(formatExponential(9.99995, 4), '1.0000e+01');
    assert.equal(formatFixed(999.999, 2), '1000.00');
  });

  it('prints every digit of a large %f and the default precision of %4e', () => {
    assert.equal(formatFixed(1e21, 1), '1000000000000000000000.0');
    assert.equal(formatExponentialWidth(14452.004, 4), '1.445200e+04');
    assert.equal(formatExponential(Number.NaN, 2), 'nan');
    assert.equal(formatFixed(-Infinity, 2), '-inf');
  });
});
