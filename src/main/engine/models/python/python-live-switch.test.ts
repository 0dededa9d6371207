/** The lab's switch-interval knob, changed live while a run goes on, reaches the simulated GIL and CPython's alike. */
import { afterAll, expect, it } from 'vitest';
import type { EventContract, LabEvent } from '../../../../shared/ipc';
import { builtHostScripts } from '../../../../test-support/engine-options';
import { createLabService } from '../../lab-service';
import { forkSpawner } from '../process-spawner';

const service = createLabService({
  engine: { hostScripts: builtHostScripts(), spawner: forkSpawner, callingThread: 'dedicated' },
});
afterAll(() => service.close());

it('sets sys.setswitchinterval in py-threads when changed while gil-threads ran earlier in the run', async () => {
  const events: LabEvent[] = [];
  service.subscribe((event) => events.push(event));
  let sent = false;
  const finished = new Promise<EventContract['run:finished']>((resolve) =>
    service.subscribe((event) => {
      if (event.event === 'run:progress' && event.payload.kind === 'snapshot' && !sent) {
        const { snapshot } = event.payload;
        if (snapshot.model === 'gil-threads' && snapshot.state === 'running') {
          sent = true;
          void service.handle('gil:switch-interval', { switchIntervalMs: 2 }).then((reply) => {
            expect(reply).toEqual({ ok: true, value: { applied: true } });
          });
        }
      }
      if (event.event === 'run:finished') resolve(event.payload);
    }),
  );
  const started = await service.handle('run:start', {
    scenario: 'io-sleep',
    params: { tasks: 4, taskMs: 300 },
    models: ['gil-threads', 'py-threads'],
    pool: { threads: 2, switchIntervalMs: 5 },
  });
  expect(started.ok).toBe(true);
  const view = await finished;
  expect(sent).toBe(true);
  const pyThreads = view.run.results.find((r) => r.model === 'py-threads')!;
  expect(pyThreads.state).toBe('done');
  expect(pyThreads.python!.switchIntervalMs).toBeCloseTo(2, 6);
});
