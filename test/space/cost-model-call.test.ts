import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readGoldenLines, type GoldenCaseRow } from '../golden.js';
import type { Layer } from '../../maestro-cost/src/types.js';
import {
  HARDWARE_POINT_TEMPLATES,
  hardwarePointFromReference,
  permuteOuterDataflow,
  softwarePointFromReference,
  toCostModelCall,
  type HardwarePointTemplateName,
} from '../../src/space/index.js';

const cases = readGoldenLines<GoldenCaseRow>('maestro-cases.jsonl');

test('the golden file has all 4000 cases', () => {
  assert.equal(cases.length, 4000);
});

test('every golden (hardware, software) point converts to the reference MAESTRO call', () => {
  const mismatches: string[] = [];
  for (const golden of cases) {
    const hardware = hardwarePointFromReference(golden.spotlight.hw);
    const software = softwarePointFromReference(golden.spotlight.sw);
    assert.equal(software.mode, golden.spotlight.dataflowMode, golden.id);

    const call = toCostModelCall(golden.layer, hardware, software);
    const permutation = golden.spotlight.outerPermutation;
    const dataflow = permutation ? permuteOuterDataflow(call.dataflow, permutation) : call.dataflow;
    const ours = {
      layerType: call.layerType,
      numPes: call.accelerator.numPes,
      simdLanes: call.accelerator.simdLanes,
      bitWidth: call.accelerator.bitWidth,
      bandwidth: call.accelerator.bandwidth,
      bufSizes: call.accelerator.bufSizes,
      subClusters: call.accelerator.subClusters,
      dataflow,
    };
    try {
      assert.deepEqual(ours, golden.maestro);
      assert.deepEqual(call.layer, { dims: golden.layer.dims, strides: golden.layer.strides });
    } catch (error) {
      mismatches.push(`${golden.id}: ${(error as Error).message}`);
    }
  }
  assert.deepEqual(mismatches.slice(0, 5), [], `${mismatches.length} cases differ`);
});

test('only searched schedules leave the outer order open to the cost model', () => {
  for (const golden of cases) {
    const call = toCostModelCall(
      golden.layer,
      hardwarePointFromReference(golden.spotlight.hw),
      softwarePointFromReference(golden.spotlight.sw),
    );
    assert.equal(call.outerOrderSearchable, golden.spotlight.dataflowMode === 'searched');
    if (!call.outerOrderSearchable) assert.equal(golden.spotlight.outerPermutation, null);
  }
});

test('golden cases on hand-designed accelerators use the built-in fixed designs', () => {
  let checked = 0;
  for (const golden of cases) {
    const name = golden.spotlight.hwSpace;
    if (name === 'edge' || name === 'cloud') continue;
    const template = HARDWARE_POINT_TEMPLATES[name as HardwarePointTemplateName];
    assert.ok(template, `no template ${name}`);
    assert.deepEqual(hardwarePointFromReference(golden.spotlight.hw), template.point);
    checked++;
  }
  assert.ok(checked > 0);
});

test('a searched point lists levels outermost first, buffers split per partition', () => {
  const call = toCostModelCall(
    { dims: { N: 1, K: 4, C: 6, X: 8, Y: 8, R: 3, S: 3 }, strides: { X: 2, Y: 2 } },
    {
      simdLanes: 4,
      bitWidth: 8,
      bandwidth: 64,
      levelBufferBytes: [1000, 50000],
      levelSubClusters: [3, 4],
    },
    {
      mode: 'searched',
      tiles: {
        N: [1, 1, 1], K: [2, 1, 2], C: [1, 3, 2], X: [2, 2, 2], Y: [8, 1, 1],
        R: [3, 1, 1], S: [1, 3, 1],
      },
      spatialDims: ['K', 'C'],
    },
  );
  // The inner buffer (1000 B) is shared out over the 4 outer sub-clusters: 250 B each.
  assert.deepEqual(call.accelerator, {
    numPes: 12,
    simdLanes: 4,
    bitWidth: 8,
    bandwidth: 64,
    bufSizes: [50000, 250],
    subClusters: [4, 3],
  });
  // Outer level tiles are the running products up to level 1: K 2, C 3, X 4, Y 8, S 3.
  assert.equal(
    call.dataflow,
    'SC|3,TN|1,TK|2,TX|4,TY|8,TR|3,TS|3,C,SK|2,TN|1,TC|1,TX|2,TY|8,TR|3,TS|1',
  );
  assert.deepEqual(call.layer.strides, { N: 1, K: 1, C: 1, X: 2, Y: 2, R: 1, S: 1 });
});

test('fixed dataflows take K and C tiles from the outer level and R, S from the layer', () => {
  const layer: Layer = { dims: { N: 1, K: 8, C: 4, X: 10, Y: 10, R: 3, S: 5 } };
  const hardware = {
    simdLanes: 1, bitWidth: 8, bandwidth: 32, levelBufferBytes: [64, 128], levelSubClusters: [6, 2],
  };
  const tiles = { K: [2, 2, 2], C: [1, 4, 1] };
  const dataflowOf = (dataflow: 'eye' | 'shi' | 'dla') =>
    toCostModelCall(layer, hardware, { mode: 'fixed', tiles, dataflow }).dataflow;

  assert.equal(
    dataflowOf('eye'),
    "TC|4,TK|4,SY'|6,TX'|5,TR|3,TS|5,C,TC|1,SY'|1,SX'|1,TR|3,TS|5",
  );
  assert.equal(
    dataflowOf('shi'),
    "TK|4,SY'|3,TX|6,TC|4,TR|3,TS|5,C,TC|1,TY'|1,SX'|1,TR|3,TS|5",
  );
  assert.equal(
    dataflowOf('dla'),
    'SK|4,TC|6,TR|3,TS|5,TY|3,TX|5,C,SC|1,TY|3,TX|5,TR|3,TS|5',
  );
});
