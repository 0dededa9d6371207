/**
 * (e) A room's load: the same 100,000-task run served twice by `concurrency-lab serve` on loopback,
 * first watched by the instructor's window alone, then by 100 simulated attendees as well. Measures
 * the serving process's event-loop delay (its own system:stats, one histogram per second), each
 * run's wall time (the engine's own per-model wall times, summed), and whether every follower got
 * the final result. Followers are cheap on purpose: they read frames without parsing them, as far as
 * telling a result from a snapshot needs, in a process of their own at the models' priority
 * (followers.ts: in a room they are other laptops). As in a room, they join before the run (the run starts a
 * second after the last of them), and each run is measured on its own: the next starts once the
 * last is saved, and the save's own stall is reported apart. Beside it, an idle process measures its
 * own event-loop delay the same way: the machine's scheduling noise in the same seconds (idle-probe.ts).
 */
import { fork, spawn } from 'node:child_process';
import { join } from 'node:path';
import type WebSocket from 'ws';
import type { ModelId } from '../src/shared/models';
import type { RunView, SystemStats } from '../src/shared/views';
import type { WsServerMessage } from '../src/shared/ws-protocol';
import type { FollowersReport } from './followers';
import { serveForBench } from './serve';
import { connect } from './ws-window';

/** What the room benchmark measured. */
export interface RoomResult {
  readonly tasks: number;
  /** The models raced, or null for the scenario's defaults. */
  readonly models: readonly ModelId[] | null;
  readonly followers: number;
  /** Sum of the models' wall times, ms: alone, then followed. */
  readonly wallAloneMs: number;
  readonly wallFollowedMs: number;
  /** Worst per-second p99 of the serving process's event-loop delay, ms. */
  readonly loopP99WorstAloneMs: number;
  readonly loopP99WorstFollowedMs: number;
  /** Seconds of each run whose p99 passed 10 ms: alone, then followed. */
  readonly secondsOver10Alone: number;
  readonly secondsOver10Followed: number;
  readonly seconds: number;
  /** The worst event-loop delay while a finished run was saved to the history (after run:finished), ms. */
  readonly saveStallWorstMs: number;
  /** The idle probe's worst per-second p99 during each run, ms: what the machine alone causes. */
  readonly idleP99WorstAloneMs: number;
  readonly idleP99WorstFollowedMs: number;
  /**
   * The followed run's worst seconds: second of the run (from 0), its p99, and the idle probe's p99
   * in the second that ended nearest it (null if none did within half a second), worst first.
   */
  readonly worstSecondsFollowed: readonly {
    readonly second: number;
    readonly p99Ms: number;
    readonly idleP99Ms: number | null;
  }[];
  readonly followersFinished: number;
  readonly followersDropped: number;
  /** Bytes the followers received in all. */
  readonly bytesToFollowers: number;
}

const INSTRUCTOR = 'bench-instructor-token-0123456789';
const ATTENDEE = 'bench-attendee-token-0123456789';
const STATS = Buffer.from('{"type":"event","event":"system:stats"');

async function serve(root: string): Promise<Served> {
  const server = await serveForBench(
    root,
    'room',
    ['--token', INSTRUCTOR, '--attendee-token', ATTENDEE],
    true,
  );
  return { origin: new URL(server.url).origin, stop: () => server.stop() };
}

interface Served {
  readonly origin: string;
  stop(): void;
}

/** An idle process's per-second event-loop delay p99 (idle-probe.ts), by the epoch ms of each second's end. */
function startIdleProbe(): { readonly seconds: { at: number; p99Ms: number }[]; stop(): void } {
  const probe = spawn(process.execPath, [join(__dirname, 'idle-probe.js')], {
    stdio: ['pipe', 'pipe', 'inherit'],
  });
  const seconds: { at: number; p99Ms: number }[] = [];
  let pending = '';
  probe.stdout.on('data', (chunk: Buffer) => {
    const lines = (pending + chunk.toString()).split('\n');
    pending = lines.pop()!;
    for (const line of lines) {
      const [at, p99Ms] = line.split(' ').map(Number);
      if (Number.isFinite(at) && Number.isFinite(p99Ms)) seconds.push({ at: at!, p99Ms: p99Ms! });
    }
  });
  return { seconds, stop: () => probe.stdin.end() };
}

/** The simulated attendees (followers.ts): resolves once all joined, and with what they received. */
function startFollowers(
  origin: string,
  count: number,
): { readonly joined: Promise<void>; report(waitMs: number): Promise<FollowersReport> } {
  const child = fork(join(__dirname, 'followers.js'), [origin, ATTENDEE, String(count)], {
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
  });
  const joined = new Promise<void>((done, fail) => {
    child.once('exit', (code) =>
      fail(new Error(`the followers' process exited (${code}) before they joined`)),
    );
    child.on('message', (message: { type: string }) => {
      if (message.type === 'joined') done();
    });
  });
  const reported = new Promise<FollowersReport>((done) => {
    child.on('message', (message: FollowersReport) => {
      if (message.type === 'report') done(message);
    });
    // A followers' process that died reports none of them finished.
    child.once('exit', () => done({ type: 'report', finished: 0, dropped: count, bytes: 0 }));
  });
  return {
    joined,
    async report(waitMs) {
      // Every follower has the result by then, or the ones that do not are counted as such.
      const timer = setTimeout(() => {
        if (child.connected) child.send('stop');
      }, waitMs);
      try {
        return await reported;
      } finally {
        clearTimeout(timer);
        child.kill();
      }
    },
  };
}

/** The worst probe second that ended within a run (or within the second after it). */
function idleWorst(seconds: readonly { at: number; p99Ms: number }[], run: RunWindow): number {
  const within = seconds.filter((s) => s.at > run.startedAt && s.at <= run.finishedAt + 1000);
  return Math.max(0, ...within.map((s) => s.p99Ms));
}

/** The idle probe's p99 in the second that ended nearest `at` (epoch ms), if one ended within 500 ms. */
function idleAt(seconds: readonly { at: number; p99Ms: number }[], at: number): number | null {
  let nearest: { at: number; p99Ms: number } | null = null;
  for (const s of seconds) if (!nearest || Math.abs(s.at - at) < Math.abs(nearest.at - at)) nearest = s;
  return nearest && Math.abs(nearest.at - at) <= 500 ? nearest.p99Ms : null;
}

/** When a run was going on, epoch ms: from its first progress to its result. */
interface RunWindow {
  readonly startedAt: number;
  readonly finishedAt: number;
}

/** Runs once from the instructor's window; resolves with the finished view and the stats seen meanwhile. */
async function measuredRun(
  instructor: WebSocket,
  tasks: number,
  models: readonly ModelId[] | null,
): Promise<{ view: RunView; loopP99s: number[]; statsAt: number[]; window: RunWindow }> {
  const loopP99s: number[] = [];
  const statsAt: number[] = [];
  let running = false;
  let startedAt = 0;
  const finished = new Promise<RunView>((done, fail) => {
    const onMessage = (data: Buffer): void => {
      const message = JSON.parse(data.toString()) as WsServerMessage;
      if (message.type === 'reply' && !message.reply.ok) fail(new Error(message.reply.error.message));
      if (message.type !== 'event') return;
      if (message.event === 'run:progress' && !running) {
        running = true;
        startedAt = Date.now();
      }
      if (message.event === 'system:stats' && running) {
        loopP99s.push((message.payload as SystemStats).eventLoopDelay.p99);
        statsAt.push((message.payload as SystemStats).at);
      }
      if (message.event === 'run:finished') {
        instructor.off('message', onMessage);
        done(message.payload);
      }
    };
    instructor.on('message', onMessage);
  });
  instructor.send(
    JSON.stringify({
      type: 'invoke',
      id: 1,
      channel: 'run:start',
      payload: { scenario: 'io-sleep', params: { tasks, taskMs: 1 }, ...(models ? { models } : {}) },
    }),
  );
  const view = await finished;
  return { view, loopP99s, statsAt, window: { startedAt, finishedAt: Date.now() } };
}

/** Resolves after `count` system:stats events (one a second) have reached the window. */
function statsSeconds(window: WebSocket, count: number): Promise<void> {
  let seen = 0;
  return new Promise((done) => {
    const onMessage = (data: Buffer): void => {
      if (!data.subarray(0, STATS.length).equals(STATS) || ++seen < count) return;
      window.off('message', onMessage);
      done();
    };
    window.on('message', onMessage);
  });
}

/**
 * Waits until the finished run is in the history (its save follows run:finished) and one more
 * second of stats has come; resolves with the worst event-loop delay the serving process had meanwhile.
 */
function saved(instructor: WebSocket): Promise<number> {
  let worstMs = 0;
  let inHistory = false;
  return new Promise((done) => {
    const onMessage = (data: Buffer): void => {
      const message = JSON.parse(data.toString()) as WsServerMessage;
      if (message.type !== 'event') return;
      if (message.event === 'history:changed') inHistory = true;
      if (message.event === 'system:stats') {
        worstMs = Math.max(worstMs, (message.payload as SystemStats).eventLoopDelay.max);
        if (inHistory) {
          instructor.off('message', onMessage);
          done(worstMs);
        }
      }
    };
    instructor.on('message', onMessage);
  });
}

const totalWall = (view: RunView): number => view.run.results.reduce((sum, r) => sum + r.wallMs, 0);

/**
 * The room benchmark; `tasks` and `followers` shrink it for a quick check, and `models` narrows it to
 * some models (`async` alone is the burst, the run's hardest second, in a fraction of the time).
 */
export async function roomBenchmark(
  root: string,
  tasks = 100_000,
  followers = 100,
  models: readonly ModelId[] | null = null,
): Promise<RoomResult> {
  const served = await serve(root);
  const probe = startIdleProbe();
  try {
    const instructor = await connect(served.origin, INSTRUCTOR);
    const alone = await measuredRun(instructor, tasks, models);
    // Each run is measured on its own: the next starts once the last is saved (reported apart).
    const aloneSaveStallMs = await saved(instructor);

    const room = startFollowers(served.origin, followers);
    await room.joined;
    // The room joins first, then the instructor runs: a second of stats after the last window came in.
    await statsSeconds(instructor, 2);
    const followed = await measuredRun(instructor, tasks, models);
    const followedSaveStallMs = await saved(instructor);
    const { finished: finishedCount, dropped, bytes } = await room.report(30_000);
    instructor.close();
    return {
      tasks,
      models,
      followers,
      wallAloneMs: totalWall(alone.view),
      wallFollowedMs: totalWall(followed.view),
      loopP99WorstAloneMs: Math.max(0, ...alone.loopP99s),
      loopP99WorstFollowedMs: Math.max(0, ...followed.loopP99s),
      secondsOver10Alone: alone.loopP99s.filter((p99) => p99 > 10).length,
      secondsOver10Followed: followed.loopP99s.filter((p99) => p99 > 10).length,
      seconds: followed.loopP99s.length,
      saveStallWorstMs: Math.max(aloneSaveStallMs, followedSaveStallMs),
      idleP99WorstAloneMs: idleWorst(probe.seconds, alone.window),
      idleP99WorstFollowedMs: idleWorst(probe.seconds, followed.window),
      worstSecondsFollowed: followed.loopP99s
        .map((p99Ms, second) => ({
          second,
          p99Ms,
          idleP99Ms: idleAt(probe.seconds, followed.statsAt[second]!),
        }))
        .sort((a, b) => b.p99Ms - a.p99Ms)
        .slice(0, 3),
      followersFinished: finishedCount,
      followersDropped: dropped,
      bytesToFollowers: bytes,
    };
  } finally {
    probe.stop();
    served.stop();
  }
}
