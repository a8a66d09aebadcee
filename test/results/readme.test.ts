import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import { describe, it } from 'node:test';
import { layersCsv, trialsCsv } from '../../src/results/csv-files.js';
import { INFEASIBILITIES } from '../../src/search/index.js';

/** results/README.md, from dist/test/results/ up to the repository root. */
const README = new URL('../../../results/README.md', import.meta.url);

describe('results/README.md', () => {
  it('says what each rejection reason written in out.txt means', async () => {
    const text = await readFile(README, 'utf8');
    for (const reason of [...INFEASIBILITIES, 'layer-max-invalid']) {
      assert.match(text, new RegExp(`^- \`${reason}\`: `, 'm'), `${reason} explained`);
    }
  });

  it('names every column of trials.csv and layers.csv', async () => {
    // Whitespace normalised: a wrapped line does not hide a phrase.
    const text = (await readFile(README, 'utf8')).replace(/\s+/g, ' ');
    for (const csv of [await trialsCsv([]), await layersCsv([])]) {
      for (const column of csv.trim().split(',')) {
        assert.ok(text.includes(column), `${column} documented`);
      }
    }
    for (const unit of ['MACs per cycle', 'elements per cycle', 'bits per element']) {
      assert.ok(text.includes(unit), `unit ${JSON.stringify(unit)} given`);
    }
  });
});
