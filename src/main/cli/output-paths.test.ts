import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PassThrough } from 'node:stream';
import { afterAll, describe, expect, it } from 'vitest';
import { sampleRun } from '../engine/reporters/fixtures.test-support';
import { assertWritable, outputProblem, writeRunOutputs } from './output-paths';
import { UsageError } from './usage-error';

const root = mkdtempSync(join(tmpdir(), 'concurrency-lab-outputs-'));
afterAll(() => rmSync(root, { recursive: true, force: true }));

function collect(): { stream: PassThrough; text: () => string } {
  const stream = new PassThrough();
  let text = '';
  stream.setEncoding('utf8').on('data', (chunk: string) => (text += chunk));
  return { stream, text: () => text };
}

describe('outputProblem', () => {
  it('accepts a new file in folders that do not exist yet, and creates nothing', async () => {
    const path = join(root, 'new', 'deeper', 'report.txt');
    expect(await outputProblem(path)).toBeNull();
    expect(existsSync(join(root, 'new'))).toBe(false);
  });

  it('accepts an existing file without changing it', async () => {
    const path = join(root, 'kept.txt');
    writeFileSync(path, 'old contents');
    expect(await outputProblem(path)).toBeNull();
    expect(readFileSync(path, 'utf8')).toBe('old contents');
  });

  it('refuses a path under a file, naming the file in the way', async () => {
    const file = join(root, 'afile');
    writeFileSync(file, '');
    expect(await outputProblem(join(file, 'x.txt'))).toBe(`${file} is a file, not a folder`);
    expect(await outputProblem(join(file, 'a', 'b', 'x.txt'))).toBe(`${file} is a file, not a folder`);
  });

  it('refuses a folder', async () => {
    mkdirSync(join(root, 'folder'));
    expect(await outputProblem(join(root, 'folder'))).toBe('it is a folder');
  });

  it.runIf(existsSync('/proc/version'))('refuses a file that refuses writes (/proc/version)', async () => {
    expect(await outputProblem('/proc/version')).toMatch(/refuses writes|permission denied/);
  });

  it('accepts /dev/null', async () => {
    expect(await outputProblem('/dev/null')).toBeNull();
  });
});

describe('assertWritable', () => {
  it('names the flag and the path of the first output that cannot be written', async () => {
    const file = join(root, 'blocker');
    writeFileSync(file, '');
    const target = join(file, 'x.txt');
    const error = await assertWritable([
      { flag: '--out', path: join(root, 'fine.txt') },
      { flag: '--trace', path: target },
    ]).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(UsageError);
    expect((error as Error).message).toBe(
      `--trace ${target} cannot be written: ${file} is a file, not a folder`,
    );
  });
});

describe('writeRunOutputs', () => {
  it('writes the report, the trace and the log lines', async () => {
    const out = collect();
    const err = collect();
    const dir = join(root, 'written');
    const ok = await writeRunOutputs(
      sampleRun(),
      'the report\n',
      { format: 'table', out: join(dir, 'r.txt'), trace: join(dir, 't.json'), log: join(dir, 'l.log') },
      { stdout: out.stream, stderr: err.stream },
    );
    expect(ok).toBe(true);
    expect(out.text()).toBe('');
    expect(readFileSync(join(dir, 'r.txt'), 'utf8')).toBe('the report\n');
    expect(readFileSync(join(dir, 'l.log'), 'utf8').trim().split('\n')).toHaveLength(5);
    expect(JSON.parse(readFileSync(join(dir, 't.json'), 'utf8'))).toHaveProperty('traceEvents');
  });

  it('prints the report when its file cannot be written, names the file, and still writes the log', async () => {
    const out = collect();
    const err = collect();
    const folder = join(root, 'in-the-way');
    mkdirSync(folder);
    const log = join(root, 'still.log');
    const ok = await writeRunOutputs(
      sampleRun(),
      'the report\n',
      { format: 'table', out: folder, trace: null, log },
      { stdout: out.stream, stderr: err.stream },
    );
    expect(ok).toBe(false);
    expect(out.text()).toBe('the report\n');
    expect(err.text()).toBe(
      `concurrency-lab: could not write the table report (printed above instead) to ${folder} (--out): it is a folder\n`,
    );
    expect(readFileSync(log, 'utf8').trim().split('\n')).toHaveLength(5);
  });
});
