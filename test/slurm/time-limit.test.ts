import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { defaultTimeLimit, parseTimeLimit, SlurmError } from '../../src/slurm/index.js';
import { fakeConfiguration } from './fixtures.js';

describe('job time limits', () => {
  it('default to the reference: 8 h edge, 48 h cloud, 1 h for fixed-hardware baselines', () => {
    assert.equal(defaultTimeLimit(fakeConfiguration('VGG16', 'Spotlight')), '07:59:59');
    assert.equal(defaultTimeLimit(fakeConfiguration('VGG16', 'MAERI')), '07:59:59');
    assert.equal(
      defaultTimeLimit(fakeConfiguration('VGG16', 'Spotlight', { scale: 'Cloud' })),
      '47:59:59',
    );
    assert.equal(
      defaultTimeLimit(fakeConfiguration('VGG16', 'MAERI', { scale: 'Cloud' })),
      '47:59:59',
    );
    for (const scale of ['Edge', 'Cloud']) {
      for (const technique of ['Eyeriss', 'NVDLA']) {
        assert.equal(
          defaultTimeLimit(fakeConfiguration('RESNET', technique, { scale })),
          '00:59:59',
        );
      }
    }
  });

  it('accept every spelling sbatch --time accepts', () => {
    for (const ok of ['90', '30:00', '12:00:00', '2-0', '1-12:30', '1-12:30:00', '100:00:00']) {
      assert.equal(parseTimeLimit(ok), ok);
    }
    assert.equal(parseTimeLimit(' 45 '), '45');
    assert.equal(parseTimeLimit('unlimited'), 'UNLIMITED');
    assert.equal(parseTimeLimit('INFINITE'), 'UNLIMITED');
  });

  it('reject anything else, saying which spellings work', () => {
    for (const bad of ['', '8h', '1:2:3:4', '-5', '1-', 'abc', '0', '00:00:00']) {
      assert.throws(() => parseTimeLimit(bad), (error: unknown) => {
        assert.ok(error instanceof SlurmError);
        assert.equal(error.code, 'E_TIME_LIMIT');
        return true;
      });
    }
    assert.throws(() => parseTimeLimit('8h'), {
      message:
        'slurm: --time "8h" is not a SLURM time limit; use MM, MM:SS, HH:MM:SS, D-HH, ' +
        'D-HH:MM, D-HH:MM:SS or UNLIMITED (e.g. 90 or 1-12:00:00)',
    });
  });
});
