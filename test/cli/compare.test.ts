import assert from 'node:assert/strict';
import { mkdir, mkdtemp, readdir, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, it } from 'node:test';
import { FIXTURES, lines, spotlight } from './run-cli.js';

const RESULTS = path.join(FIXTURES, 'compare', 'results');

// What the reference's compare-ae.sh prints for the fixture folders, except two rows where
// this port deliberately differs (see the comments at those rows).
const MAIN_EDGE_CSV = [
  'Path,Min,Max,Median,Median Normalized to Spotlight',
  'Edge/Spotlight/EDP/VGG16,1.2500e+10,3.0000e+10,2.500e+10,1.00',
  'Edge/Eyeriss/EDP/VGG16,7.0000e+10,1.1000e+11,8.500e+10,3.40',
  'Edge/NVDLA/EDP/VGG16,4.4000e+11,4.4000e+11,4.400e+11,17.60',
  'Edge/Spotlight/EDP/RESNET,8.0000e+11,8.0000e+11,8.000e+11,1.00',
  'Edge/Eyeriss/EDP/RESNET,2.0000e+12,2.4000e+12,2.200e+12,2.75',
  // No Spotlight result for MOBILENET: no ratio (the script reuses RESNET's and prints 2.00).
  'Edge/Eyeriss/EDP/MOBILENET,1.6000e+12,1.6000e+12,1.600e+12,',
  'Edge/Spotlight/Delay/VGG16,1.0625e+05,1.0675e+05,1.065e+05,1.00',
  'Edge/Eyeriss/Delay/VGG16,5.5500e+04,5.5500e+04,5.550e+04,0.52',
  // One trial is INVALID: left out (the script takes the word "t" as the minimum and as 0).
  'Edge/MAERI/Delay/VGG16,2.0000e+05,3.0000e+05,2.500e+05,2.35',
  '',
].join('\n');

describe('spotlight compare', () => {
  it('prints the compare-ae.sh table for a comparison', async () => {
    const run = await spotlight(['compare', 'main-edge', '--results', RESULTS]);
    assert.equal(run.status, 0, run.stderr);
    assert.equal(run.stdout, MAIN_EDGE_CSV);
  });

  it('accepts every spelling of a comparison, as argument or option', async () => {
    const spellings = [
      ['Main-Edge'],
      ['MAIN-EDGE'],
      ['full-edge'],
      ['--comparison', 'Main-Edge'],
      ['--comparison=main-edge'],
      ['-c', 'FULL-EDGE'],
      ['main-edge', '--comparison', 'Main-Edge'],
    ];
    for (const words of spellings) {
      const run = await spotlight(['compare', ...words, '--results', RESULTS]);
      assert.equal(run.status, 0, `${words.join(' ')}: ${run.stderr}`);
      assert.equal(run.stdout, MAIN_EDGE_CSV, words.join(' '));
    }
  });

  it('averages the middle two of an even count and normalises per target and model', async () => {
    const run = await spotlight(['compare', 'ablation', '--results', RESULTS]);
    assert.equal(run.status, 0, run.stderr);
    assert.deepEqual(lines(run.stdout), [
      'Path,Min,Max,Median,Median Normalized to Spotlight',
      'Edge/Spotlight/EDP/VGG16,1.2500e+10,3.0000e+10,2.500e+10,1.00',
      'Edge/Spotlight-GA/EDP/VGG16,2.9000e+10,3.3000e+10,3.100e+10,1.24',
      'Edge/Spotlight-R/EDP/VGG16,6.6000e+10,6.6000e+10,6.600e+10,2.64',
      'Edge/Spotlight/EDP/RESNET,8.0000e+11,8.0000e+11,8.000e+11,1.00',
      'Edge/Spotlight/Delay/VGG16,1.0625e+05,1.0675e+05,1.065e+05,1.00',
    ]);
  });

  it('reads the cloud folders for Main-Cloud', async () => {
    const run = await spotlight(['compare', 'main-cloud', '--results', RESULTS]);
    assert.deepEqual(lines(run.stdout), [
      'Path,Min,Max,Median,Median Normalized to Spotlight',
      'Cloud/Spotlight/EDP/MOBILENET,5.0000e+09,5.0000e+09,5.000e+09,1.00',
      'Cloud/NVDLA/EDP/MOBILENET,6.5000e+10,6.5000e+10,6.500e+10,13.00',
    ]);
  });

  it('writes the CSV and an SVG chart to files', async () => {
    const dir = await mkdtemp(path.join(tmpdir(), 'spotlight-compare-'));
    await mkdir(path.join(dir, 'out'));
    const csv = path.join(dir, 'out', 'general.csv');
    const svg = path.join(dir, 'general.svg');
    const run = await spotlight([
      'compare', 'General', '--results', RESULTS, '--out', csv, '--plot', svg,
    ]);
    assert.equal(run.status, 0, run.stderr);
    assert.equal(run.stdout, '');
    assert.equal(await readFile(csv, 'utf8'), MAIN_EDGE_CSV, 'no Multi/General results yet');

    const chart = await readFile(svg, 'utf8');
    assert.match(chart, /^<svg xmlns="http:\/\/www.w3.org\/2000\/svg"/);
    assert.match(chart, /<\/svg>\n$/);
    const bar = /data-technique="([^"]+)" data-model="([^"]+)" data-ratio="([^"]+)"/g;
    const bars = [...chart.matchAll(bar)].map((m) => `${m[2]} ${m[1]} ${m[3]}`);
    assert.deepEqual(bars, [
      'VGG16 Spotlight 1.00',
      'VGG16 Eyeriss 3.40',
      'VGG16 NVDLA 17.60',
      'RESNET Spotlight 1.00',
      'RESNET Eyeriss 2.75',
      'VGG16 Spotlight 1.00',
      'VGG16 Eyeriss 0.52',
      'VGG16 MAERI 2.35',
    ]);
    for (const technique of ['Spotlight-Multi', 'Spotlight-General']) {
      assert.ok(chart.includes(`>${technique}</text>`), `legend lists ${technique}`);
    }
    const heights = [...chart.matchAll(/<rect class="bar" [^>]*height="([^"]+)"/g)];
    assert.ok(heights.every((m) => Number(m[1]) > 0), 'every bar visible, Spotlight 1.00 too');
    // Log scale: 17.6 sits between the 10 and 100 grid lines, 0.52 between 0.1 and 1.
    assert.match(chart, />0\.1<\/text>/);
    assert.match(chart, />100<\/text>/);
  });

  it('refuses an --out or --plot whose folder does not exist, creating nothing', async () => {
    const dir = await mkdtemp(path.join(tmpdir(), 'spotlight-compare-'));
    const csv = path.join(dir, 'missing', 'x.csv');
    const svg = path.join(dir, 'nowhere', 'x.svg');
    const run = await spotlight([
      'compare', 'main-edge', '--results', RESULTS, '--out', csv, '--plot', svg,
    ]);
    assert.equal(run.status, 2);
    assert.deepEqual(lines(run.stderr).slice(0, 2), [
      `spotlight: error: --out: "${csv}" cannot be written: the folder ` +
        `${path.dirname(csv)} does not exist; create it first`,
      `spotlight: error: --plot: "${svg}" cannot be written: the folder ` +
        `${path.dirname(svg)} does not exist; create it first`,
    ]);
    assert.deepEqual(await readdir(dir), []);
  });

  it('warns about target values that are not finite numbers above 0, naming the line', async () => {
    const root = await mkdtemp(path.join(tmpdir(), 'spotlight-compare-bad-'));
    const folder = path.join(root, 'Edge', 'Spotlight', 'EDP', 'VGG16');
    await mkdir(folder, { recursive: true });
    const outTxt = path.join(folder, 'out.txt');
    await writeFile(outTxt, [
      'opt_hw target abc edp 1',
      'opt_hw target -5.0e+10 edp 1',
      'opt_hw target inf edp 1',
      'opt_hw INVALID t 3.0 sec',
      'opt_hw target 2.0e+10 edp 1',
      '',
    ].join('\n'));

    const run = await spotlight(['compare', 'main-edge', '--results', root]);
    assert.equal(run.status, 0, run.stderr);
    assert.deepEqual(lines(run.stdout), [
      'Path,Min,Max,Median,Median Normalized to Spotlight',
      'Edge/Spotlight/EDP/VGG16,2.0e+10,2.0e+10,2.000e+10,1.00',
    ]);
    assert.deepEqual(lines(run.stderr), [
      `spotlight compare: warn: ${outTxt}, line 1: target value "abc" is not a number; left out`,
      `spotlight compare: warn: ${outTxt}, line 2: target value "-5.0e+10" is not positive; ` +
        'left out',
      `spotlight compare: warn: ${outTxt}, line 3: target value "inf" is not finite; left out`,
    ]);
  });

  it('prints only the header and warns when nothing has landed', async () => {
    const dir = await mkdtemp(path.join(tmpdir(), 'spotlight-compare-empty-'));
    const run = await spotlight(['compare', 'main-edge', '--results', dir]);
    assert.equal(run.status, 0);
    assert.equal(run.stdout, 'Path,Min,Max,Median,Median Normalized to Spotlight\n');
    assert.match(run.stderr, /warn: no Edge results of Main-Edge's techniques under/);
  });

  it('answers a wrong comparison with the accepted spellings', async () => {
    const wrong = await spotlight(['compare', 'main-egde']);
    assert.equal(wrong.status, 2);
    assert.equal(
      lines(wrong.stderr)[0],
      'spotlight: error: comparison: "main-egde" is not accepted; use one of Main-Edge, ' +
        'Main-Cloud, Ablation, General (any letter case), or full-edge, full-cloud, main-edge, ' +
        'main-cloud',
    );

    const missing = await spotlight(['compare']);
    assert.equal(missing.status, 2);
    assert.match(lines(missing.stderr)[0], /^spotlight: error: comparison: is missing; give one/);

    const clash = await spotlight(['compare', 'ablation', '--comparison', 'general']);
    assert.equal(clash.status, 2);
    assert.equal(
      lines(clash.stderr)[0],
      'spotlight: error: --comparison: "General" disagrees with the argument "ablation"; give ' +
        'the comparison once',
    );
  });
});
