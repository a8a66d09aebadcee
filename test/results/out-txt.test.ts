import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { optHwLine, pythonRepr, renderOutTxt } from '../../src/results/out-txt.js';
import { sampleTrial } from './sample-trials.js';

describe('out.txt', () => {
  it('puts the target value in the third field of the one opt_hw line of each trial', () => {
    const text = renderOutTxt([sampleTrial(1), sampleTrial(0)]);
    const optHw = text.split('\n').filter((line) => line.includes('opt_hw'));
    assert.equal(optHw.length, 2);
    // What the reference's compare script reads: squeeze spaces, take field 3.
    const fields = optHw.map((line) => line.replace(/ +/g, ' ').split(' ')[2]);
    assert.deepEqual(fields, ['1.5000e+10', '3.0000e+10']);
  });

  it('writes the reference layout: header, result line summing every layer field, failures', () => {
    const text = renderOutTxt([sampleTrial(0)]);
    const lines = text.split('\n');
    assert.equal(lines[0], '---------- trial 0 ----------');
    assert.equal(lines[1], '');
    const [head, layers, tail] = lines[2].split(/ < | > /);
    assert.equal(
      head,
      'opt_hw target 1.5000e+10 edp 2.0000e+10 energy 1.0000e+06 delay 1.5000e+04 ' +
        'throughput 6.0000e+01 area 2.5000e+09 power 1.234500e+03 point ' +
        "{'num_simd_lane':16,'bit_width':8,'bandwidth':200,'l0_buf_size':65536," +
        "'l1_buf_size':73728,'subclusters':[33,9]}",
    );
    const firstLayer = layers.split(' | ')[0];
    assert.equal(
      firstLayer,
      'sw_result edp 1.0000e+10 energy 5.0000e+05 delay 7.5000e+03 throughput 3.0000e+01 ' +
        "area 1.2500e+09 power 6.172500e+02 sw_point {'K':[1,2,32],'l0_spatial_dim':'K'," +
        "'l1_spatial_dim':'C'}",
    );
    assert.equal(tail, 't 12.5 sec');
    assert.deepEqual(lines.slice(3), [
      "(7, 'tile exceeds buffer')",
      "(2, 'area over budget')",
      '9',
      '',
    ]);
  });

  it('marks a trial without valid hardware INVALID, with no number in field 3', () => {
    const invalid = {
      ...sampleTrial(0),
      valid: false,
      targetValue: null,
      totals: null,
      hardware: null,
      layers: [],
    };
    assert.equal(optHwLine(invalid), 'opt_hw INVALID t 12.5 sec');
  });

  it('renders points as Python literals without spaces', () => {
    assert.equal(
      pythonRepr({ a: [1, 2], b: "x'y", c: null, d: true }),
      "{'a':[1,2],'b':'x\\'y','c':None,'d':True}",
    );
  });
});
