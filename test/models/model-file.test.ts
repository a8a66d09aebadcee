import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import {
  LayerShapeError,
  ModelFileError,
  declaredDepthwise,
  loadModelFile,
  makeLayer,
  parseModelText,
  type ModelFileIssue,
} from '../../src/models/index.js';

async function issuesOf(text: string, format: 'json' | 'csv'): Promise<ModelFileIssue[]> {
  try {
    await parseModelText(text, format, 'model');
  } catch (error) {
    assert.ok(error instanceof ModelFileError);
    assert.equal(error.code, 'MODEL_FILE_INVALID');
    return [...error.issues];
  }
  assert.fail('expected the model to be rejected');
}

test('a CSV file with a header gives layers, defaulting strides and type', async () => {
  const csv = [
    'name,N,K,C,X,Y,R,S,strideX,strideY,type',
    'stem,1,32,3,224,224,3,3,2,2,CONV',
    'dw,1,1,32,112,112,3,3,,,DSCONV',
    'pw,1,64,32,112,112,1,1',
  ].join('\n');
  const { layers, replacedNames } = await parseModelText(csv, 'csv');
  assert.deepEqual(replacedNames, []);
  assert.deepEqual(layers.map((layer) => layer.name), ['stem', 'dw', 'pw']);
  assert.deepEqual(layers[0].dims, { N: 1, K: 32, C: 3, X: 224, Y: 224, R: 3, S: 3 });
  assert.deepEqual(layers[0].strides, { N: 1, K: 1, C: 1, X: 2, Y: 2, R: 1, S: 1 });
  assert.equal(layers[1].declaredType, 'DSCONV');
  assert.equal(layers[1].strides.X, 1);
  assert.equal(layers[2].declaredType, 'CONV');
});

test('a CSV file without a header reads columns in the documented order', async () => {
  const { layers } = await parseModelText('a,2,3,4,9,10,7,8,1,2\n', 'csv');
  assert.deepEqual(layers[0].dims, { N: 2, K: 3, C: 4, X: 9, Y: 10, R: 7, S: 8 });
  assert.equal(layers[0].strides.Y, 2);
});

test('CSV header columns may come in any order; comments and blank lines are skipped', async () => {
  const csv = '# my model\nK,name,C,N,X,Y,R,S\n\n16,a,8,1,7,7,1,1\n';
  const { layers } = await parseModelText(csv, 'csv');
  assert.deepEqual(layers[0].dims, { N: 1, K: 16, C: 8, X: 7, Y: 7, R: 1, S: 1 });
});

test('a JSON array of objects gives the same layers', async () => {
  const json = JSON.stringify([
    { name: 'fc', N: 1, K: 1000, C: 2048, X: 7, Y: 7, R: 7, S: 7 },
    { name: 'down', N: 1, K: 256, C: 512, X: 28, Y: 28, R: 1, S: 1, strideX: 2, strideY: 2 },
  ]);
  const { layers } = await parseModelText(json, 'json');
  assert.equal(layers.length, 2);
  assert.equal(layers[1].strides.X, 2);
});

test('a repeated name keeps its first place and takes the last sizes', async () => {
  const csv = 'a,1,1,1,1,1,1,1\nb,1,2,2,2,2,1,1\na,1,9,9,9,9,1,1\n';
  const { layers, replacedNames } = await parseModelText(csv, 'csv');
  assert.deepEqual(layers.map((layer) => [layer.name, layer.dims.K]), [['a', 9], ['b', 2]]);
  assert.deepEqual(replacedNames, ['a']);
});

test('bad CSV rows are all reported with row, field and what is allowed', async () => {
  const csv = [
    'name,N,K,C,X,Y,R,S,type',
    'ok,1,1,1,1,1,1,1,CONV',
    'zero,1,0,1,1,1,1,1,CONV',
    'text,1,abc,1,1,1,1,1,CONV',
    'frac,1,2.5,1,1,1,1,1,CONV',
    'kind,1,1,1,1,1,1,1,FC',
    'short,1,1,1,1,1,1',
    ',1,1,1,1,1,1,1',
  ].join('\n');
  const issues = await issuesOf(csv, 'csv');
  assert.deepEqual(issues, [
    { row: 3, field: 'K', message: 'expected a whole number of at least 1, received 0' },
    { row: 4, field: 'K', message: 'expected a whole number of at least 1, received "abc"' },
    { row: 5, field: 'K', message: 'expected a whole number of at least 1, received 2.5' },
    { row: 6, field: 'type', message: 'expected one of CONV, DSCONV, received "FC"' },
    { row: 7, field: 'S', message: 'is required' },
    { row: 8, field: 'name', message: 'is required' },
  ]);
});

test('unknown CSV columns and surplus cells are rejected with the allowed columns', async () => {
  const header = await issuesOf('name,N,K,C,X,Y,R,S,P\n', 'csv');
  assert.equal(header.length, 1);
  assert.equal(header[0].row, 1);
  assert.equal(header[0].field, 'P');
  assert.match(header[0].message, /allowed columns: name, N, K, C, X, Y, R, S, strideX/);

  const surplus = await issuesOf('a,1,1,1,1,1,1,1,1,1,CONV,extra\n', 'csv');
  assert.equal(surplus[0].row, 1);
  assert.match(surplus[0].message, /12 columns, expected at most 11/);
});

test('bad JSON entries name the entry, the field and the allowed fields', async () => {
  const json = JSON.stringify([
    { name: 'a', N: 1, K: 1, C: 1, X: 1, Y: 1, R: 1, S: 1, stride: 2 },
    { name: 'b', N: '1', K: 1, C: 1, X: 1, Y: 1, R: 1, S: 1 },
    'c',
  ]);
  const issues = await issuesOf(json, 'json');
  assert.equal(issues.length, 3);
  assert.deepEqual(issues[0].row, 1);
  assert.equal(issues[0].field, 'stride');
  assert.match(issues[0].message, /unknown field; allowed fields: name, N, K/);
  assert.deepEqual(issues[1], {
    row: 2, field: 'N', message: 'expected a whole number of at least 1, received "1"',
  });
  assert.equal(issues[2].row, 3);
  assert.match(issues[2].message, /expected an object with fields name, N/);
});

test('a file that is not a JSON array, or has no layer, is rejected as a whole', async () => {
  assert.match((await issuesOf('{"name": 1}', 'json'))[0].message, /JSON array/);
  assert.match((await issuesOf('[1,', 'json'))[0].message, /not JSON/);
  assert.match((await issuesOf('name,N,K,C,X,Y,R,S\n', 'csv'))[0].message, /no layer/);
});

test('the error message lists every issue under the file name', async () => {
  await assert.rejects(parseModelText('a,1,0,1,1,1,1,1\n', 'csv', 'net.csv'), (error: Error) => {
    assert.equal(
      error.message,
      'model file net.csv is invalid:\n' +
        '  row 1, field "K": expected a whole number of at least 1, received 0',
    );
    return true;
  });
});

test('loadModelFile picks the format from the extension', async () => {
  const dir = mkdtempSync(path.join(tmpdir(), 'spotlight-models-'));
  const csvFile = path.join(dir, 'net.csv');
  const jsonFile = path.join(dir, 'net.json');
  writeFileSync(csvFile, 'a,1,2,3,4,5,1,1\n');
  const layer = { name: 'a', N: 1, K: 2, C: 3, X: 4, Y: 5, R: 1, S: 1 };
  writeFileSync(jsonFile, JSON.stringify([layer]));
  assert.deepEqual((await loadModelFile(csvFile)).layers, (await loadModelFile(jsonFile)).layers);
});

test('layout and value problems of a CSV file are reported together, by row', async () => {
  const csv = '# c\nname,N,K,C,X,Y,R,S\n\na,1,0,1,1,1,1,1\n\r\nb,1,1,1,1,1,1,1,1\n';
  const issues = await issuesOf(csv, 'csv');
  assert.deepEqual(issues.map((issue) => [issue.row, issue.field]), [[4, 'K'], [6, '']]);
});

test('a filter larger than its input is refused at load time, naming row and field', async () => {
  // Every schedule of such a layer is refused by the cost model, so a search would only spin.
  const csv = [
    'name,N,K,C,X,Y,R,S',
    'ok,1,16,3,3,3,3,3',
    'tall,1,16,3,4,2,3,3',
    'both,1,16,3,2,2,3,3',
  ].join('\n');
  assert.deepEqual(await issuesOf(csv, 'csv'), [
    {
      row: 3,
      field: 'R',
      message: '3 is larger than the input height Y = 2; allowed: 1 to 2 ' +
        '(a filter cannot be taller than its input)',
    },
    {
      row: 4,
      field: 'R',
      message: '3 is larger than the input height Y = 2; allowed: 1 to 2 ' +
        '(a filter cannot be taller than its input)',
    },
    {
      row: 4,
      field: 'S',
      message: '3 is larger than the input width X = 2; allowed: 1 to 2 ' +
        '(a filter cannot be wider than its input)',
    },
  ]);

  const json = JSON.stringify([{ name: 'wide', N: 1, K: 1, C: 1, X: 2, Y: 9, R: 1, S: 5 }]);
  const [issue] = await issuesOf(json, 'json');
  assert.deepEqual([issue.row, issue.field], [1, 'S']);
});

test('makeLayer refuses a filter larger than its input, naming the layer and field', () => {
  const dims = { N: 1, K: 16, C: 3, X: 2, Y: 2, R: 3, S: 1 };
  assert.throws(() => makeLayer({ name: 'L1', dims }), (error: Error) => {
    assert.ok(error instanceof LayerShapeError);
    assert.equal(error.field, 'R');
    assert.match(error.message, /^layer L1, R: 3 is larger than the input height Y = 2/);
    return true;
  });
  assert.equal(makeLayer({ name: 'fits', dims: { ...dims, R: 2 } }).dims.R, 2);
});

test('a directory given as a model file is said to be one', async () => {
  const dir = mkdtempSync(path.join(tmpdir(), 'spotlight-models-'));
  await assert.rejects(loadModelFile(dir), (error: Error) => {
    assert.ok(error instanceof ModelFileError);
    assert.match(error.message, /is a directory, not a file/);
    return true;
  });
});

test('layers declared DSCONV are listed, so a caller can warn they run as CONV', async () => {
  const csv = 'name,N,K,C,X,Y,R,S,type\na,1,1,8,8,8,3,3,DSCONV\nb,1,8,8,8,8,1,1\n';
  assert.deepEqual(declaredDepthwise((await parseModelText(csv, 'csv')).layers), ['a']);
});
