/**
 * Inputs on which the reference crashes, reads garbage or drops a token: each must throw a
 * MaestroInputError naming the field, the value received and what is allowed.
 */
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { MaestroInputError, evaluate, parseDataflow } from '../../maestro-cost/src/index.js';
import type { Accelerator, Directive, Layer, Mapping } from '../../maestro-cost/src/index.js';

const DATAFLOW = 'SK|1,TC|8,TR|3,TS|3,TY|3,TX|3,C,SC|1,TY|3,TX|3,TR|3,TS|3';

function layer(dims: Partial<Layer['dims']> = {}, extra: Partial<Layer> = {}): Layer {
  return { dims: { N: 1, K: 4, C: 16, X: 12, Y: 12, R: 3, S: 3, ...dims }, ...extra };
}

function accel(extra: Partial<Accelerator> = {}): Accelerator {
  return { numPes: 32, simdLanes: 2, bitWidth: 8, bandwidth: 16, subClusters: [4, 8], ...extra };
}

function mapping(dataflow = DATAFLOW, subClusters = [4, 8]): Mapping {
  return parseDataflow(dataflow, subClusters);
}

/** Expect a MaestroInputError on `field` whose message names field, value and rule. */
function expectInputError(run: () => unknown, field: string, value: unknown): void {
  assert.throws(run, (error: unknown) => {
    assert.ok(error instanceof MaestroInputError, `not a MaestroInputError: ${error}`);
    assert.equal(error.field, field);
    assert.deepEqual(error.value, value);
    assert.ok(error.allowed.length > 0);
    assert.ok(error.message.includes(field), error.message);
    assert.ok(error.message.includes(error.allowed), error.message);
    const shown = typeof value === 'string' ? JSON.stringify(value) : String(value);
    assert.ok(error.message.includes(shown), `${error.message} does not show ${shown}`);
    return true;
  });
}

test('a well-formed input evaluates (the baseline of the cases below)', () => {
  const result = evaluate(layer(), accel(), mapping());
  assert.equal(result.valid, true);
  assert.ok(result.delay > 0);
});

describe('layer', () => {
  for (const bad of [0, -3, 2.5, Number.NaN, 2 ** 31]) {
    test(`dimension C = ${bad} is rejected`, () => {
      expectInputError(() => evaluate(layer({ C: bad }), accel(), mapping()), 'layer.dims.C', bad);
    });
  }

  test('a filter wider than the input is rejected (S > X)', () => {
    expectInputError(() => evaluate(layer({ S: 5, X: 4 }), accel(), mapping()),
      'layer.dims.S', 5);
  });

  test('a filter taller than the input is rejected (R > Y)', () => {
    expectInputError(() => evaluate(layer({ R: 7, Y: 6 }), accel(), mapping()),
      'layer.dims.R', 7);
  });

  test('stride 0 is rejected (the reference divides by it)', () => {
    expectInputError(() => evaluate(layer({}, { strides: { X: 0 } }), accel(), mapping()),
      'layer.strides.X', 0);
  });

  test('layer type DSCONV is rejected (the reference crashes on it)', () => {
    expectInputError(() => evaluate(layer({}, { layerType: 'DSCONV' }), accel(), mapping()),
      'layer.layerType', 'DSCONV');
  });
});

describe('accelerator', () => {
  test('bandwidth 0 is rejected (SIGFPE in the NoC model)', () => {
    expectInputError(() => evaluate(layer(), accel({ bandwidth: 0 }), mapping()),
      'accelerator.bandwidth', 0);
  });

  test('0 SIMD lanes are rejected (the compute delay would be infinite)', () => {
    expectInputError(() => evaluate(layer(), accel({ simdLanes: 0 }), mapping()),
      'accelerator.simdLanes', 0);
  });

  test('sub-cluster sizes whose product is not numPes are rejected', () => {
    expectInputError(() => evaluate(layer(), accel({ numPes: 30 }), mapping()),
      'accelerator.subClusters', [4, 8]);
  });

  test('bit width 0 is rejected', () => {
    expectInputError(() => evaluate(layer(), accel({ bitWidth: 0 }), mapping()),
      'accelerator.bitWidth', 0);
  });
});

describe('dataflow string', () => {
  test('tile size 0 is rejected (SIGFPE in the reference)', () => {
    expectInputError(() => parseDataflow('SK|1,TC|0,C,SC|1', [4, 8]), 'dataflow token 2',
      'TC|0');
  });

  test('a non-numeric tile is rejected (std::stoi throws outside the reference\'s try)', () => {
    expectInputError(() => parseDataflow('SK|1,TC|abc,C,SC|1', [4, 8]), 'dataflow token 2',
      'TC|abc');
  });

  test('a trailing C is rejected', () => {
    expectInputError(() => parseDataflow('SK|1,C', [4, 8]), 'dataflow token 2', 'C');
  });

  test('sub-cluster sizes must match the cluster levels one to one', () => {
    const subClusters = [4, 4, 4];
    const run = () => evaluate(layer(), accel({ numPes: 64, subClusters }),
      mapping('SK|1,C,SC|1', subClusters));
    expectInputError(run, 'accelerator.subClusters', subClusters);
    assert.throws(run, /the mapping has 2 level\(s\) \(1 `C`\), so 2 size\(s\)/);
  });

  test('a directive on an unknown dimension is rejected', () => {
    expectInputError(() => parseDataflow('SK|1,TQ|3,C,SC|1', [4, 8]), 'dataflow token 2',
      'TQ|3');
  });

  test('an unknown directive type is rejected (the reference drops it silently)', () => {
    expectInputError(() => parseDataflow('SK|1,PC|3,C,SC|1', [4, 8]), 'dataflow token 2',
      'PC|3');
  });

  test('more C tokens than sub-cluster sizes are rejected (the reference reads past them)',
    () => {
      expectInputError(() => parseDataflow('SK|1,C,SC|1,C,SX|1', [4, 8]), 'subClusters',
        [4, 8]);
    });
});

describe('mapping', () => {
  test('a cluster level without a spatial map is rejected (null dereference)', () => {
    expectInputError(() => evaluate(layer(), accel(), mapping('SK|1,TC|8,C,TC|1,TX|3')),
      'mapping level 1', 'directives 3..4');
  });

  test('four cluster boundaries (five levels) are rejected (the model has four NoC levels)', () => {
    const subClusters = [1, 2, 2, 2, 4];
    const dataflow = 'SK|1,C,SC|1,C,SC|1,C,SX|1,C,SY|1';
    expectInputError(() => evaluate(layer(), accel({ subClusters }),
      mapping(dataflow, subClusters)), 'mapping.directives', '4 cluster boundaries');
  });

  test('a directive on an unknown dimension is rejected', () => {
    const bad = mapping();
    bad.directives[1] = { kind: 'temporal', dim: 'Q', size: 3, offset: 3 } as unknown as Directive;
    expectInputError(() => evaluate(layer(), accel(), bad), 'mapping.directives[1].dim', 'Q');
  });

  test('a zero offset is rejected', () => {
    const bad = mapping();
    bad.directives[1] = { kind: 'temporal', dim: 'C', size: 3, offset: 0 };
    expectInputError(() => evaluate(layer(), accel(), bad), 'mapping.directives[1].offset', 0);
  });

  test('a cluster size that disagrees with the accelerator is rejected', () => {
    expectInputError(() => evaluate(layer(), accel(), mapping(DATAFLOW, [4, 16])),
      'mapping.directives[6].size', 16);
  });

  test('int products that wrap to 0 in a divisor are rejected (SIGFPE in the reference)', () => {
    const subClusters = [1, 65536];
    const big = accel({ numPes: 65536, subClusters });
    const dataflow = 'SK|1,C,SC|65536';
    assert.throws(() => evaluate(layer({ C: 100000 }), big, mapping(dataflow, subClusters)),
      (error: unknown) => error instanceof MaestroInputError &&
        /divides by zero/.test(error.message));
  });
});
