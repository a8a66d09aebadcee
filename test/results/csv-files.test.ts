import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { layersCsv, trialsCsv } from '../../src/results/csv-files.js';
import type { TrialRecord } from '../../src/results/records.js';
import { sampleTrial } from './sample-trials.js';

const TRIALS_HEADER =
  'trial,seed,valid,target_value,edp,energy,delay,throughput,area,power,' +
  'num_simd_lane,bit_width,bandwidth,l0_buf_size,l1_buf_size,subclusters,' +
  'evaluations,wall_seconds,stop_reason';
const LAYERS_HEADER =
  'trial,layer_index,layer,valid,target_value,edp,energy,delay,throughput,area,power,' +
  'dataflow,schedule';

/** A trial that found no valid accelerator, as a run with --max-power 1 leaves it. */
function invalidTrial(trial: number): TrialRecord {
  return {
    ...sampleTrial(trial),
    valid: false,
    targetValue: null,
    totals: null,
    hardware: null,
    layers: [],
    stopReason: 'max-invalid',
  };
}

function rows(csv: string): string[] {
  return csv.split('\n').filter((line) => line !== '');
}

describe('trials.csv and layers.csv', () => {
  it('keep one header whatever the trials hold', async () => {
    const cases = [[], [sampleTrial(0)], [invalidTrial(0)], [invalidTrial(0), sampleTrial(1)]];
    for (const trials of cases) {
      assert.equal(rows(await trialsCsv(trials))[0], TRIALS_HEADER);
      assert.equal(rows(await layersCsv(trials))[0], LAYERS_HEADER);
    }
  });

  it('leave the cells of an invalid trial empty, hardware included', async () => {
    const csv = rows(await trialsCsv([invalidTrial(0)]));
    // Target value, six costs and six hardware fields: thirteen empty cells.
    assert.deepEqual(csv.slice(1), [`0,1000,false${','.repeat(14)}4200,12.5,max-invalid`]);
    assert.deepEqual(rows(await layersCsv([invalidTrial(0)])), [LAYERS_HEADER]);
  });
});
