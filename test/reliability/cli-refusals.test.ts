import { spawnSync } from 'node:child_process';
import { closeSync, existsSync, mkdirSync, openSync, readFileSync, symlinkSync, truncateSync, writeFileSync } from 'node:fs';
import { hostname, totalmem } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { workerLimit } from '../../src/worker-limit.ts';
import { cli } from '../helpers/cli.ts';
import { tempDir, writeIdx, writeText } from '../helpers/files.ts';

// Hostile inputs across the commands, each refused with one line on stderr and no stack trace.
const dir = tempDir();
// The bound of worker threads on the machine the test runs on (see worker-limit.ts; its rule is tested in inputs.test.ts).
const machineWorkers = workerLimit().max;
const data = writeText(dir, 'in.csv', `x,y,label\n${Array.from({ length: 40 }, (_, i) => `${i % 7},${(i * 3) % 5},${i % 4 === 0 ? 'a' : 'b'}`).join('\n')}\n`);
mkdirSync(join(dir, 'sub'));
const study = join(dir, 'study');
mkdirSync(study);
writeFileSync(join(study, 'study.json'), '{}');
// A lock left by a killed run: a new search on the study must be refused in one line, not take the lock over first.
writeFileSync(join(study, 'study.lock'), JSON.stringify({ pid: spawnSync(process.execPath, ['-e', '']).pid, host: hostname(), since: '2026-01-01T00:00:00Z' }));
const comparison = join(dir, 'comparison');
mkdirSync(comparison);
writeFileSync(join(comparison, 'report.json'), '{"kind":"comparison"}');
const spaceOf3x = writeText(dir, 'three.json', JSON.stringify({ params: { hidden: { kind: 'choice', values: [[8], [5000, 5000]] } } }));
const newline = writeText(dir, 'newline.csv', 'x,label\n"1\n2",a\n3,b\n');
// Sparse: 300 MB on paper, nothing on disk. Read whole, it failed with "Cannot create a string longer than…", naming no file.
const huge = join(dir, 'huge.csv');
closeSync(openSync(huge, 'w'));
// Sparse: larger than a quarter of this machine's memory, the most a CSV may be, at no cost.
truncateSync(huge, Math.floor(totalmem() / 4) + 1);
// An IDX test set with a class its training files lack: trained, its recall was 0 by construction.
const testOnly = join(dir, 'idx-test-only');
mkdirSync(testOnly);
writeIdx(testOnly, 'train', Array.from({ length: 20 }, (_, i) => i % 2), 2, false);
writeIdx(testOnly, 't10k', [0, 1, 2, 2], 2, false);
// A FIFO blocks a read until a writer comes: a config, a model, a report or an IDX file made of one hung the command.
const fifo = join(dir, 'fifo');
spawnSync('mkfifo', [fifo]);
const fifoReport = join(dir, 'fifo-report');
mkdirSync(fifoReport);
spawnSync('mkfifo', [join(fifoReport, 'report.json')]);
const fifoIdx = join(dir, 'idx-fifo');
mkdirSync(fifoIdx);
writeIdx(fifoIdx, 'train', Array.from({ length: 20 }, (_, i) => i % 2), 2, false);
spawnSync('mkfifo', [join(fifoIdx, 't10k-images-idx3-ubyte')]);
writeIdx(join(fifoIdx), 't10k', [0, 1], 2, true);
// Sparse, so nothing on disk: read whole, it failed with Node's "File size is greater than 2 GiB", naming no file.
const bigIdx = join(dir, 'idx-big');
mkdirSync(bigIdx);
writeIdx(bigIdx, 'train', [0, 1, 0, 1, 0, 1], 2, false);
writeIdx(bigIdx, 't10k', [0, 1], 2, false);
truncateSync(join(bigIdx, 'train-images-idx3-ubyte'), 1100 * 2 ** 20);
const loop = join(dir, 'loop');
symlinkSync(join(dir, 'loop-back'), loop);
symlinkSync(loop, join(dir, 'loop-back'));
/** A directory whose report.json holds `text`. */
const reportDir = (name: string, text: string) => {
  const path = join(dir, name);
  mkdirSync(path);
  writeFileSync(join(path, 'report.json'), text);
  return path;
};

describe('hostile inputs are refused with one line, the right exit code, and no stack trace', () => {
  it.concurrent.each([
    [['train', '--dataset', `csv:${data}`, '--hidden', '99999999999'], 2, /--hidden <units>' argument '99999999999' is invalid.*from 1 to 16384/],
    // Each width is bounded, but not their product: 805 million weights once ran out of memory instead of training.
    [['train', '--dataset', `csv:${data}`, '--hidden', '16384,16384,16384'], 2, /hidden 16384,16384,16384: the network would hold 536,985,602 weights \(2 inputs, hidden 16384,16384,16384, 2 classes\); at most 50,000,000/],
    [['train', '--dataset', 'mnist', '--hidden', '16384', '--batch-size', 'full', '--epochs', '1'], 2, /batch size full: a batch of 6401 rows would hold 109,956,378 values .* use a smaller --batch-size/],
    [['search', '--config', writeText(dir, 'huge.json', JSON.stringify({ dataset: `csv:${data}`, params: { hidden: { kind: 'choice', values: [[8], [16384, 16384]] } } })), '--out', join(dir, 'huge')], 2,
      /params\.hidden: hidden 16384,16384: the networks would hold [\d,]+ weights \(2 inputs, hidden 16384,16384, 2 classes, 3 networks side by side\)/],
    [['compare', '--dataset', `csv:${data}`, '--strategies', 'none,smote,smote:k=5', '--out', join(dir, 'twice')], 2, /"smote" and "smote:k=5" are the same strategy \(smote:k=5,ratio=1\); list each once/],
    // Refused before any training: the comparison writes its directory only at its end.
    [['compare', '--dataset', `csv:${data}`, '--seeds', '1', '--epochs', '1', '--out', join(data, 'sub')], 2, /--out .*in\.csv\/sub: .*in\.csv is a file, so the directory cannot be made there/],
    // Node's recursive mkdir loops forever where mkdir answers ENOENT under an existing parent.
    [['search', '--dataset', `csv:${data}`, '--rounds', '1', '--trials', '1', '--epochs', '1', '--out', '/proc/skewtune-test'], 2, /--out \/proc\/skewtune-test: a directory cannot be made in \/proc \(ENOENT\)/],
    // Root may write /proc by access(): the comparison trained every run, then failed at the write.
    [['compare', '--dataset', `csv:${data}`, '--seeds', '1', '--epochs', '1', '--out', '/proc/skewtune-test'], 2, /--out \/proc\/skewtune-test: a directory cannot be made in \/proc \(ENOENT\)/],
    // A blank --out trained every run, then failed with "no such file or directory (ENOENT)", naming no path.
    [['compare', '--dataset', `csv:${data}`, '--seeds', '1', '--epochs', '1', '--out', ''], 2, /--out <dir>' argument '' is invalid\. must be a path, not empty/],
    [['search', '--dataset', `csv:${data}`, '--out', ' '], 2, /--out <dir>' argument ' ' is invalid\. must be a path, not empty/],
    [['predict', '--model', '', '--input', data, '--output', join(dir, 'out.csv')], 2, /--model <file>' argument '' is invalid\. must be a path, not empty/],
    [['report', ''], 2, /value '' is invalid for argument 'dir'\. must be a path, not empty/],
    [['search', '--dataset', `csv:${data}`, '--reduction', '1e309', '--out', join(dir, 'many')], 2, /--reduction must be a finite number, but got Infinity/],
    [['search', '--dataset', `csv:${data}`, '--out', study], 2, /study already holds a study \(study\.json\); continue it with --resume/],
    // Every trial would have failed on one class, and the study exited 1 after running them all.
    [['search', '--dataset', `csv:${data}`, '--trial-subset', '1', '--out', join(dir, 'subset')], 2, /--trial-subset 1: a stratified subset that small holds 1 of the training split's 2 classes/],
    [['train', '--dataset', `csv:${huge}`], 2, /huge\.csv: [\d,]+ bytes; this machine reads CSV files of at most [\d,]+ \(a quarter of its memory/],
    // One network fits; a hundred trained side by side do not.
    [['train', '--dataset', `csv:${data}`, '--hidden', '16384,1024', '--strategy', 'bootstrap:bagging=100'], 2, /the networks would hold 1,682,944,200 weights \(2 inputs, hidden 16384,1024, 2 classes, 100 networks side by side\)/],
    // Bounded by the machine (4 a core, at least 8, one per 200 MB): 256 threads asked ~45 GB of a 2-core machine.
    [['search', '--dataset', `csv:${data}`, '--workers', '100000', '--out', join(dir, 'many')], 2, new RegExp(`--workers <n>' argument '100000' is invalid.*>= 1 and <= ${machineWorkers} on this machine \\(4 a core`)],
    [['search', '--dataset', `csv:${data}`, '--workers', String(machineWorkers + 1), '--out', join(dir, 'many')], 2, new RegExp(`--workers <n>' argument '${machineWorkers + 1}' is invalid.*<= ${machineWorkers} on this machine`)],
    [['compare', '--dataset', `csv:${data}`, '--workers', String(machineWorkers + 1), '--out', join(dir, 'many')], 2, new RegExp(`--workers <n>' argument '${machineWorkers + 1}' is invalid.*<= ${machineWorkers} on this machine`)],
    [['worker', '--connect', 'postgres://nobody@127.0.0.1:1/none', '--concurrency', '256'], 2, /--concurrency <n>' argument '256' is invalid.*on this machine \(4 a core, at least 8, one per 200 MB of memory: \d+ cores?, [\d,]+ MB\)/],
    [['train', '--dataset', `csv:${data}`, '--save', join(dir, 'sub')], 2, /--save .*sub: is a directory; give a file name such as model\.skt/],
    [['train', '--dataset', `idx:${testOnly}`, '--epochs', '1'], 2, /idx:.*idx-test-only: class "2" has 2 test rows but no training rows; a model cannot learn it/],
    [['predict', '--model', join(dir, 'none.skt'), '--input', data, '--output', join(dir, 'sub')], 2, /--output .*sub: is a directory; give a file name such as out\.csv/],
    [['resample', '--input', data, '--output', `${dir}/`, '--strategy', 'smote'], 2, /--output .*: is a directory; give a file name such as out\.csv/],
    [['search', '--config', fifo], 2, /fifo: not a regular file \(a FIFO or a device\?\), but the config file is a file/],
    [['predict', '--model', fifo, '--input', data, '--output', join(dir, 'out.csv')], 2, /fifo: not a regular file \(a FIFO or a device\?\); a model file is needed/],
    [['report', fifoReport], 2, /fifo-report\/report\.json: not a regular file \(a FIFO or a device\?\), but a report is a file/],
    [['train', '--dataset', `idx:${fifoIdx}`], 2, /t10k-images-idx3-ubyte: not a regular file \(a directory, a FIFO or a device\?\); an IDX file is needed/],
    [['train', '--dataset', `idx:${bigIdx}`], 2, /train-images-idx3-ubyte: 1,153,433,600 bytes; an IDX file may have at most 1,073,741,824 \(1 GiB\)/],
    [['dashboard', '--host', '', dir], 2, /--host <address>' argument '' is invalid\. must be an address such as 127\.0\.0\.1/],
    [['dashboard', data], 2, /in\.csv: is a file, but a study or comparison directory is needed/],
    // A symbolic-link loop was "no such file".
    [['train', '--dataset', `csv:${loop}`], 2, /loop: too many symbolic links \(ELOOP, stat\)/],
    [['train', '--dataset', `csv:${data}`, '--save', join(dir, `${'m'.repeat(250)}.skt`)], 2, /--save .*mmm\.skt: the file name is 254 bytes long; at most 239/],
    [['resample', '--input', data, '--output', join(dir, 'out.csv'), '--strategy', 'smote', '--k', '0x3'], 2, /strategy "smote": option k must be a number, got "0x3"/],
    // Subnormal: the report's log-scale charts failed to draw, printing vega's stack, and the search exited 0.
    [['search', '--config', writeText(dir, 'subnormal.json', JSON.stringify({ dataset: `csv:${data}`, params: { lr: { kind: 'loguniform', low: 1e-320, high: 1e-300 } } })), '--out', join(dir, 'many')], 2,
      /subnormal\.json: params\.lr: loguniform needs low >= 2\.2250738585072014e-308 \(the smallest normal double\), but got \(low=1e-320\)/],
    [['train', '--dataset', `csv:${data}`, '--strategy', 'smote+smote:k=3'], 2, /strategy "smote\+smote:k=3" names smote twice; each strategy applies once/],
    // Number('') is 0 and Number('0x10') 16: a blank seed ran with seed 0, a blank --l2 with no penalty.
    [['train', '--dataset', `csv:${data}`, '--seed', ''], 2, /--seed <n>' argument '' is invalid\. must be an integer/],
    [['train', '--dataset', `csv:${data}`, '--l2', ' '], 2, /--l2 <lambda>' argument ' ' is invalid\. must be a number >= 0/],
    [['search', '--dataset', `csv:${data}`, '--recheck', '', '--out', join(dir, 'many')], 2, /--recheck <n>' argument '' is invalid/],
    [['train', '--dataset', `csv:${data}`, '--epochs', '0x10'], 2, /--epochs <n>' argument '0x10' is invalid/],
    [['dashboard', '--port', ''], 2, /--port <n>' argument '' is invalid/],
    // The last step blew the weights up to NaN, unseen by the loss check before it: the AUCs of NaN scores looped forever.
    [['train', '--dataset', `csv:${data}`, '--epochs', '1', '--lr', '1e30', '--save', join(dir, 'nan.skt')], 1, /^skewtune: training diverged: the trained network outputs NaN after its last step \(try a smaller learning rate\)$/m],
    [['compare', '--dataset', `csv:${data}`, '--epochs', '1', '--lr', '1e30', '--seeds', '1', '--workers', '1', '--out', join(dir, 'many')], 1, /training diverged: the trained network outputs NaN/],
    // A blank once read as 0 layers and trained without a hidden layer, silently.
    [['train', '--dataset', `csv:${data}`, '--hidden', ''], 2, /--hidden <units>' argument '' is invalid\. must not hold an empty layer size; give sizes such as 256,128 \(or none for no hidden layer\)/],
    [['train', '--dataset', `csv:${data}`, '--hidden', ','], 2, /--hidden <units>' argument ',' is invalid\. must not hold an empty layer size/],
    [['compare', '--dataset', `csv:${data}`, '--hidden', '10,,10', '--out', join(dir, 'many')], 2, /--hidden <units>' argument '10,,10' is invalid\. must not hold an empty layer size/],
    [['search', '--config', writeText(dir, 'blank.json', JSON.stringify({ dataset: `csv:${data}`, params: { hidden: { kind: 'choice', values: [[8], []] } } })), '--out', join(dir, 'many')], 2,
      /blank\.json: params\.hidden\.values\[1\]: an empty list would train no hidden layer; give at least one layer size, but got \[\]/],
    [['search', '--dataset', `csv:${data}`, '--trials', '1e9'], 2, /--trials <n>' argument '1e9' is invalid.*>= 1 and <= 10000/],
    [['search', '--dataset', `csv:${data}`, '--ensemble', '0'], 2, /--ensemble <n>' argument '0' is invalid.*>= 1 and <= 32/],
    // The final model's networks live together: a space whose one network fits, but not three of them, is refused before any trial.
    [['search', '--dataset', `csv:${data}`, '--ensemble', '3', '--config', spaceOf3x], 2, /params\.hidden: hidden 5000,5000: the networks would hold 75,090,006 weights \(2 inputs, hidden 5000,5000, 2 classes, 3 networks side by side\)/],
    [['train', '--dataset', `csv:${data}`, '--strategy', 'bootstrap:bagging=1e9'], 2, /bootstrap: bagging must be an integer <= 100, got 1000000000/],
    [['search', '--config', dir], 2, /is a directory, but the config file is a file/],
    [['train', '--dataset', `csv:${join(dir, 'sub')}`], 2, /sub: not a regular file/],
    [['train', '--dataset', `csv:${newline}`, '--numeric', 'x'], 2, /newline\.csv, data row 1, column "x": "1\\n2" is not a number/],
    [['resample', '--input', data, '--output', join(dir, 'sub', '..', 'in.csv'), '--strategy', 'smote'], 2, /--output .*is the input file/],
    [['compare', '--dataset', `csv:${data}`, '--out', study, '--seeds', '1', '--epochs', '1'], 2, /the directory holds a search study/],
    [['search', '--dataset', `csv:${data}`, '--out', comparison], 2, /the directory holds a report of kind "comparison"/],
    [['search', '--dataset', `csv:${data}`, '--executor', 'postgres://me:%zz@localhost/db'], 2, /--executor: postgres:\/\/me@localhost\/db: the password holds a malformed %-escape/],
    [['report', join(dir, 'nowhere')], 2, /neither report\.json nor study\.json/],
    [['report', reportDir('r-null', 'null')], 2, /r-null\/report\.json: a report is a JSON object, but got null/],
    [['report', reportDir('r-kind', '{"kind": "pie"}')], 2, /r-kind\/report\.json: unknown report kind "pie"; expected one of "comparison", "study"/],
    [['report', reportDir('r-cut', '{"kind": "study", "trials": [')], 2, /r-cut\/report\.json: not JSON/],
    [['report', reportDir('r-proto', '{"kind": "study", "__proto__": {}}')], 2, /r-proto\/report\.json: __proto__: the key "__proto__" is not allowed/],
    [['report', reportDir('r-empty', '{"kind": "study"}')], 2, /r-empty\/report\.json: not a complete study report/],
  ])('%j', async (args, code, message) => {
    const run = await cli(args);
    expect(run.stderr).toMatch(message);
    expect(run.stderr.trimEnd().split('\n'), run.stderr).toHaveLength(1);
    expect(run.stderr).not.toMatch(/^\s+at /m);
    expect(run.code).toBe(code);
  }, 60_000);

  it('prints the stack only with --debug', async () => {
    const run = await cli(['search', '--config', dir, '--debug']);
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(/^skewtune: .*is a directory/);
    expect(run.stderr).toMatch(/^\s+at /m);
  }, 60_000);

  it('leaves the input of a refused resample as it was', async () => {
    const before = readFileSync(data, 'utf8');
    await cli(['resample', '--input', data, '--output', data, '--strategy', 'bootstrap']);
    expect(readFileSync(data, 'utf8')).toBe(before);
    expect(readFileSync(join(study, 'study.json'), 'utf8')).toBe('{}');
    // The search refused for its huge hidden layers made no study, nor the comparison listing a strategy twice.
    expect(existsSync(join(dir, 'huge'))).toBe(false);
    expect(existsSync(join(dir, 'twice'))).toBe(false);
    expect(existsSync(join(dir, 'subset'))).toBe(false);
    expect(existsSync(join(dir, 'many'))).toBe(false);
    expect(existsSync(join(dir, 'nan.skt'))).toBe(false);
    expect(existsSync(join(study, 'README.md'))).toBe(false);
  }, 60_000);

  it('report accepts --json; a report.json cut by hand is refused as incomplete, in one line', async () => {
    writeFileSync(join(comparison, 'report.json'), '{"kind":"comparison"}');
    const run = await cli(['report', comparison, '--json']);
    // A comparison without its numbers is refused as incomplete, naming the file, still in one line.
    expect(run.stderr).toMatch(/report\.json: not a complete comparison report/);
    expect(run.code).toBe(2);
  }, 60_000);
});
