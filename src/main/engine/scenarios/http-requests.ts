/** http-requests: N GET requests to the embedded latency server; bodies checksummed, injected failures known in advance. */
import { bodyChecksum, responseBody } from '../../../workers/workloads/http-get';
import { plannedOutcome } from '../../../workers/workloads/http-get';
import { errorMessage, formatBytes, formatCount } from '../../../shared/format';
import type { TaskList } from '../../../workers/protocol/executor';
import { startLatencyServer, warmUpLatencyServer, type LatencyServerHandle } from './latency-server-process';
import { GeneratedTasks } from './generated-tasks';
import { field, type ScenarioContext, type ScenarioRunner } from './scenario';

/** Seed of the server's jitter and failures: fixed, so every model meets the same slow and failing requests. */
const SEED = 1;

/** The engine side of http-requests. */
export const httpRequestsScenario: ScenarioRunner = {
  id: 'http-requests',
  async prepare(params, ctx) {
    const { tasks, latencyMs, bytes, jitterMs, failureRate } = params as Record<string, number>;
    let server = await startWarmServer(ctx);
    const checksum = bodyChecksum(responseBody(bytes!));
    const query = `ms=${latencyMs}&bytes=${bytes}&jitter=${jitterMs}&fail=${failureRate}&seed=${SEED}`;
    const fails = (id: number): boolean => plannedOutcome(SEED, id, jitterMs!, failureRate!).fails;
    const taskList = (url: string): TaskList =>
      new GeneratedTasks(tasks!, (id) => ({
        workload: 'http-get',
        input: { url: `${url}/delay?id=${id}&${query}`, id },
      }));
    let specs = taskList(server.url);
    return {
      get tasks() {
        return specs;
      },
      get derived() {
        return { server: server.url };
      },
      check(task, output) {
        if (fails(task))
          return { ok: false, problem: `request ${task} succeeded although the server was told to fail it` };
        if (
          field(output, 'id') !== task ||
          field(output, 'bytes') !== bytes ||
          field(output, 'checksum') !== checksum
        ) {
          return { ok: false, problem: `request ${task}: unexpected response ${JSON.stringify(output)}` };
        }
        return { ok: true, digest: checksum, tally: BigInt(bytes!) };
      },
      expectsFailure: fails,
      answer: (tally, completed) =>
        `${formatCount(completed)} responses, ${formatBytes(Number(tally))} received and checksummed`,
      // The server is watched: one that died mid-model is named in the run, and replaced for the next model.
      async afterModel(model, more) {
        const death = server.death();
        if (death === null) return null;
        const what = `The latency server died while ${model} ran (it ${death})`;
        if (!more) return `${what}.`;
        try {
          server = await startWarmServer(ctx);
        } catch (error) {
          return `${what} and could not be restarted (${errorMessage(error)}).`;
        }
        specs = taskList(server.url);
        return `${what} and was restarted for the next model.`;
      },
      dispose: () => server.stop(),
    };
  },
};

/** Starts the latency server and warms it up; on failure nothing is left running. */
async function startWarmServer(ctx: ScenarioContext): Promise<LatencyServerHandle> {
  ctx.report('starting the latency server');
  const server = await startLatencyServer(ctx.spawner, ctx.hostScripts.latencyServerHost, ctx.signal);
  ctx.report('warming up the latency server');
  await warmUpLatencyServer(server.url).catch(async (error: unknown) => {
    await server.stop();
    throw new Error(`the latency server did not answer its warm-up: ${errorMessage(error)}`);
  });
  return server;
}
