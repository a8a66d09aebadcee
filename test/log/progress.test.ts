import assert from 'node:assert/strict';
import { Writable } from 'node:stream';
import { describe, it } from 'node:test';
import { createLogger } from '../../src/log/logger.js';
import { completedFraction, createProgress, duration } from '../../src/log/progress.js';

class Capture extends Writable {
  text = '';
  columns = 120;
  override _write(chunk: Buffer, _encoding: string, done: () => void): void {
    this.text += chunk.toString();
    done();
  }
}

describe('progress', () => {
  it('counts finished layers of the current hardware sample toward the fraction', () => {
    const state = {
      trial: 1,
      trials: 2,
      hardwareDone: 4,
      hardwareTotal: 10,
      layersRunning: 2,
      layersDone: 5,
      layers: 10,
    };
    assert.equal(completedFraction(state), (10 + 4.5) / 20);
  });

  it('prints a plain line per interval when stderr is not a terminal', () => {
    const stream = new Capture();
    let clock = 0;
    const progress = createProgress({
      stream,
      mode: 'lines',
      targetName: 'EDP',
      lineIntervalMs: 1000,
      now: () => clock,
    });
    progress.update({ trials: 1, hardwareTotal: 10, layers: 4, hardwareDone: 1 });
    assert.equal(stream.text, '', 'nothing before the first interval');

    clock = 2000;
    progress.update({ hardwareDone: 5, best: 1.23456e10 });
    assert.equal(
      stream.text,
      'progress: trial 0 (1/1), hardware 5/10 valid, layers 0/4 done, 0 running, ' +
        'best EDP 1.2346e+10, ' +
        'elapsed 2s, ETA 2s\n',
    );
    clock = 2500;
    progress.update({ hardwareDone: 6 });
    assert.equal(stream.text.split('\n').length, 2, 'no second line within the interval');
  });

  it('redraws one terminal line and clears it around log lines', () => {
    const stream = new Capture();
    const clock = 0;
    const progress = createProgress({ stream, mode: 'bar', targetName: 'Delay', now: () => clock });
    const log = createLogger({
      stream,
      beforeWrite: () => progress.clear(),
      afterWrite: () => progress.redraw(),
    });
    progress.update({ hardwareTotal: 4, hardwareDone: 2, layers: 2 });
    assert.equal(
      stream.text,
      '\r\x1b[K[###############---------------]  50% ETA 0s trial 0 (1/1) hw 2/4 layers 0/2 ' +
        '(0 run) best -',
    );
    stream.text = '';
    log.info('seed 1');
    assert.match(stream.text, /^\r\x1b\[Kspotlight: seed 1\n\r\x1b\[K\[/);
  });

  it('does not count the layers of samples that turn out invalid toward the budget', () => {
    // --hw-trials 1, one layer, every sample so far invalid: nothing is done yet.
    const rejecting = {
      trial: 0, trials: 1, hardwareDone: 0, hardwareInvalid: 37, hardwareTotal: 1,
      layersRunning: 0, layersDone: 1, layers: 1,
    };
    assert.equal(completedFraction(rejecting), 0);

    // Half the samples were valid: a finished layer of the current one counts half.
    const mixed = { ...rejecting, hardwareTotal: 10, hardwareDone: 2, hardwareInvalid: 2 };
    assert.equal(completedFraction({ ...mixed, layersDone: 0 }), 2 / 10);
    assert.equal(completedFraction(mixed), 2.5 / 10);
  });

  it('shows invalid samples; the fraction and ETA come from valid samples only', () => {
    const stream = new Capture();
    let clock = 0;
    const progress = createProgress({
      stream, mode: 'lines', targetName: 'EDP', lineIntervalMs: 1000, now: () => clock,
    });
    progress.update({ trials: 6, trial: 2, hardwareTotal: 1, layers: 1 });
    clock = 60_000;
    progress.update({ hardwareDone: 0, hardwareInvalid: 37, layersDone: 1 });
    assert.equal(
      stream.text,
      'progress: trial 2 (3/6), hardware 0/1 valid, 37 invalid, layers 1/1 done, 0 running, ' +
        'best EDP -, elapsed 1m00s, ETA 2m00s\n',
    );
    assert.match(progress.render(100), /^\[#+-+\]  33% .* hw 0\/1 \(37 invalid\) /);

    // In the first trial nothing valid is done yet, so there is no ETA at all.
    progress.update({ trial: 0 });
    assert.match(progress.render(), /, ETA -$/);
  });

  it('draws a state whose update came within the redraw interval once it is over', async () => {
    const stream = new Capture();
    const progress = createProgress({
      stream, mode: 'bar', targetName: 'EDP', redrawIntervalMs: 20,
    });
    progress.update({ hardwareTotal: 1, layers: 1, layersDone: 1 });
    assert.match(stream.text, /100%/);
    stream.text = '';
    progress.update({ hardwareInvalid: 1, layersDone: 0 });
    assert.equal(stream.text, '', 'throttled');
    await new Promise((resolve) => setTimeout(resolve, 60));
    assert.match(stream.text, /  0% .*\(1 invalid\)/);
    progress.stop();
  });

  it('prints nothing when off', () => {
    const stream = new Capture();
    const progress = createProgress({ stream, mode: 'off', targetName: 'EDP' });
    progress.update({ hardwareDone: 3 });
    progress.stop();
    assert.equal(stream.text, '');
  });

  it('says durations briefly', () => {
    assert.equal(duration(42), '42s');
    assert.equal(duration(185), '3m05s');
    assert.equal(duration(3720), '1h02m');
  });
});
