import { afterAll, describe, expect, it } from 'vitest';
import type { PythonSource } from '../../../../shared/python-run';
import { builtHostScripts } from '../../../../test-support/engine-options';
import { createLabService } from '../../lab-service';
import { forkSpawner } from '../process-spawner';

const service = createLabService({
  engine: { hostScripts: builtHostScripts(), spawner: forkSpawner, callingThread: 'dedicated' },
});
afterAll(() => service.close());
const attendee = { role: 'attendee' as const, clientId: '3' };

async function source(model: string, scenario: string): Promise<PythonSource> {
  const reply = await service.handle('python:source', { model, scenario }, attendee);
  if (!reply.ok) throw new Error(reply.error.message);
  return reply.value as PythonSource;
}

describe('python:source', () => {
  it('gives the classic FileProcessor for the "10 files" scenarios, the class of the model to scroll to', async () => {
    const found = await source('py-processes', 'cpu-wordcount');
    expect(found.files.map((f) => f.path)).toEqual([
      'concurrency_lab/file_processor.py',
      'concurrency_lab/workloads.py',
      'concurrency_lab/gil_costs.py',
    ]);
    const [program] = found.files;
    expect(program!.focus).toBe('class MultiprocessingFileProcessor(');
    expect(program!.text).toContain('class FileProcessor(ABC):');
    expect(program!.text).toContain(program!.focus!);
  });

  it('gives the lab’s models elsewhere, with the process pool for py-processes', async () => {
    const threads = await source('py-threads', 'cpu-primes');
    expect(threads.files[0]).toMatchObject({ path: 'concurrency_lab/models.py', focus: 'class ThreadPool(' });
    expect(threads.files[0]!.text).toContain('class ThreadPool(');
    const processes = await source('py-processes', 'cpu-primes');
    expect(processes.files.map((f) => f.path)).toContain('concurrency_lab/process_pool.py');
  });

  it('is only for the Python models and the known scenarios, and reads only', async () => {
    const node = await service.handle('python:source', { model: 'threads', scenario: 'cpu-primes' });
    expect(node).toMatchObject({ ok: false, error: { code: 'invalid-request' } });
    const path = await service.handle('python:source', { model: 'py-threads', scenario: '../../etc/passwd' });
    expect(path).toMatchObject({ ok: false, error: { code: 'invalid-request' } });
    const extra = await service.handle('python:source', {
      model: 'py-threads',
      scenario: 'io-sleep',
      code: 'x',
    });
    expect(extra).toMatchObject({ ok: false, error: { code: 'invalid-request' } });
  });
});
