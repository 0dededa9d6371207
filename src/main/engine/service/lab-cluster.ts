/**
 * The app's cluster: where the distributed model's broker is — a private server per run (the default),
 * a room server this lab started (`concurrency-lab cluster` in the app), or a running server it
 * connected to — and the workers heard on it. Engine state: the instructor's credentials stay here,
 * never in a request, a saved run or an export. Every change is told, and the workers once a second.
 */
import { existsSync } from 'node:fs';
import { version } from '../../../../package.json';
import type {
  ClusterConnectRequest,
  ClusterStartRequest,
  ClusterState,
  ClusterWorker,
} from '../../../shared/cluster';
import { errorMessage } from '../../../shared/format';
import type { ConnectionSettings } from '../../../workers/protocol/distributed/connection';
import { ClusterWatch } from '../models/distributed/cluster-watch';
import type { DistributedSettings } from '../models/distributed/distributed-model';
import { locateNatsServer, type NatsServerAvailability } from '../models/distributed/nats-server-locator';
import {
  isLoopbackHost,
  joinCommand,
  startRoomServer,
  type RoomServer,
} from '../models/distributed/room-server';
import type { WorkerInfo } from '../models/distributed/worker-roster';
import { LabFailure } from './lab-activity';
import { qrRows } from './qr-code';

/** How often the panel hears of its workers' heartbeats while a server is in use. */
const TICK_MS = 1000;
/** How long a worker that left stays in the list. */
const LEFT_SHOWN_MS = 10_000;

/** How the cluster is set up (tests pass their own). */
export interface LabClusterOptions {
  /** Told every change (a start, connect or stop; a worker joining or leaving), and once a second while a server is in use. */
  readonly changed: (state: ClusterState) => void;
  readonly locate?: () => NatsServerAvailability;
  readonly tempRoot?: string;
}

/** What is in use besides the default. */
type Current =
  | {
      readonly mode: 'room';
      readonly room: RoomServer;
      readonly watch: ClusterWatch;
      readonly tlsCert: string | null;
    }
  | { readonly mode: 'server'; readonly connection: ConnectionSettings; readonly watch: ClusterWatch };

function clusterWorker(worker: WorkerInfo): ClusterWorker {
  const { local: _local, ...rest } = worker;
  return rest;
}

/** The lab's broker setting and the room's workers, as the cluster panel drives them. */
export class LabCluster {
  private current: Current | null = null;
  private problem: string | null = null;
  private ticker: NodeJS.Timeout | undefined;
  private pending = Promise.resolve();

  constructor(private readonly options: LabClusterOptions) {}

  /** Where distributed runs find their broker now. */
  settings(): DistributedSettings {
    if (!this.current) return { server: null };
    return { server: this.current.mode === 'room' ? this.current.room.instructor : this.current.connection };
  }

  /** The process id of the room server this lab started, while it runs. */
  serverPid(): number | null {
    return this.current?.mode === 'room' ? this.current.room.server.pid : null;
  }

  /** What the panel shows. */
  state(): ClusterState {
    const found = (this.options.locate ?? locateNatsServer)();
    const natsServer = found.available ? ({ available: true } as const) : found;
    const current = this.current;
    const now = Date.now();
    // A worker that left is listed a little while, then dropped (a run's local workers leave after each run).
    const workers = (current?.watch.list() ?? [])
      .filter((worker) => worker.state !== 'leaving' || now - worker.lastSeen < LEFT_SHOWN_MS)
      .map(clusterWorker);
    const base = { natsServer, workers, problem: this.problem, at: now };
    if (!current) return { ...base, mode: 'private', url: null, reach: null, join: null };
    if (current.mode === 'server')
      return { ...base, mode: 'server', url: current.connection.url, reach: null, join: null };
    const command = joinCommand(current.room, current.tlsCert);
    const loopback = isLoopbackHost(current.room.server.host);
    return {
      ...base,
      mode: 'room',
      url: current.room.url,
      reach: loopback
        ? 'this machine only: start it on 0.0.0.0 or a network address to let attendees join'
        : 'the network: every connection needs the instructor’s or the attendees’ password',
      join: { command, qr: qrRows(command) },
    };
  }

  /** Starts a room server (after stopping whatever was in use). */
  start(request: ClusterStartRequest): Promise<ClusterState> {
    return this.serially(async () => {
      const found = (this.options.locate ?? locateNatsServer)();
      if (!found.available) throw new LabFailure('invalid-request', found.reason);
      for (const [field, file] of Object.entries(request.tls ?? {}))
        if (!existsSync(file)) throw new LabFailure('invalid-request', `tls.${field}: no file at ${file}`);
      await this.release();
      let room: RoomServer;
      try {
        room = await startRoomServer({
          binary: found.path,
          host: request.host,
          port: request.port,
          tls: request.tls ?? null,
          tempRoot: this.options.tempRoot,
        });
      } catch (error) {
        throw new LabFailure('invalid-request', startProblem(request, errorMessage(error)));
      }
      let watch: ClusterWatch;
      try {
        watch = await ClusterWatch.start(room.instructor, version, () => this.tell());
      } catch (error) {
        await room.stop();
        throw error;
      }
      this.use({ mode: 'room', room, watch, tlsCert: request.tls?.certFile ?? null });
      const current = this.current;
      room.server.onExit((reason) => current && void this.lost(current, `the room server ${reason}`));
    });
  }

  /** Uses a running server for distributed runs (after stopping whatever was in use). */
  connect(request: ClusterConnectRequest): Promise<ClusterState> {
    return this.serially(async () => {
      if (request.tlsCaFile && !existsSync(request.tlsCaFile))
        throw new LabFailure('invalid-request', `tlsCaFile: no file at ${request.tlsCaFile}`);
      await this.release();
      const connection: ConnectionSettings = {
        url: request.url,
        auth:
          request.user !== undefined && request.password !== undefined
            ? { kind: 'password', user: request.user, password: request.password }
            : { kind: 'none' },
        ...(request.tlsCaFile ? { tlsCaFile: request.tlsCaFile } : {}),
      };
      let watch: ClusterWatch;
      try {
        watch = await ClusterWatch.start(connection, version, () => this.tell());
      } catch (error) {
        throw new LabFailure('invalid-request', `could not use ${request.url}: ${errorMessage(error)}`);
      }
      this.use({ mode: 'server', connection, watch });
    });
  }

  /** Back to a private server per run: stops the room server, or forgets the running one. */
  stop(): Promise<ClusterState> {
    return this.serially(() => this.release());
  }

  /** Stops everything this cluster started. */
  async close(): Promise<void> {
    await this.stop().catch(() => undefined);
  }

  private serially(step: () => Promise<void>): Promise<ClusterState> {
    const next = this.pending.then(step);
    this.pending = next.catch(() => undefined);
    return next.then(() => {
      const state = this.state();
      this.options.changed(state);
      return state;
    });
  }

  private use(current: Current): void {
    this.current = current;
    this.problem = null;
    const url = current.mode === 'room' ? current.room.url : current.connection.url;
    current.watch.onLost((detail) => void this.lost(current, `lost the connection to ${url}${detail}`));
    this.ticker = setInterval(() => this.tell(), TICK_MS);
    this.ticker.unref();
  }

  /** The server in use went away: back to private servers, saying why. */
  private async lost(which: Current, problem: string): Promise<void> {
    if (this.current !== which) return;
    await this.stop().catch(() => undefined);
    this.problem = `${problem}; distributed runs start a private server again`;
    this.tell();
  }

  private async release(): Promise<void> {
    clearInterval(this.ticker);
    const current = this.current;
    this.current = null;
    this.problem = null;
    if (!current) return;
    await current.watch.close();
    if (current.mode === 'room') await current.room.stop();
  }

  private tell(): void {
    this.options.changed(this.state());
  }
}

/** A room server's start-up failure in words the panel can show. */
function startProblem(request: ClusterStartRequest, message: string): string {
  if (/address already in use/i.test(message))
    return `port ${request.port} is in use: choose another, or 0 for any free port`;
  if (/cannot assign requested address|no such host|lookup/i.test(message))
    return `${request.host} is not an address of this machine`;
  return `the room server did not start: ${message}`;
}
