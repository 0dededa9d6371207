/** A WebSocket client of browser mode for tests: invokes channels, pairs replies, collects events. */
import WebSocket from 'ws';
import type { Reply } from '../shared/ipc';
import type { WsServerMessage } from '../shared/ws-protocol';

/** An event as the server sent it. */
export type ServerEvent = Extract<WsServerMessage, { type: 'event' }>;

/** One connection to `concurrency-lab serve` or a test's browser server. */
export class LabSocket {
  private next = 1;
  private readonly pending = new Map<number | null, (reply: Reply<unknown>) => void>();
  /** For a frame whose reply id cannot be predicted: takes the next reply, whatever its id. */
  private nextReply: ((reply: Reply<unknown>) => void) | null = null;
  readonly events: ServerEvent[] = [];

  private constructor(private readonly socket: WebSocket) {
    socket.on('message', (data) => {
      const message = JSON.parse(data.toString()) as WsServerMessage;
      if (message.type === 'event') {
        this.events.push(message);
        return;
      }
      if (this.nextReply) {
        const done = this.nextReply;
        this.nextReply = null;
        done(message.reply);
        return;
      }
      const done = this.pending.get(message.id);
      this.pending.delete(message.id);
      done?.(message.reply);
    });
  }

  /** Connects to the API of the page at `pageUrl` (http://host:port/), as that page would. */
  static open(pageUrl: string): Promise<LabSocket> {
    const page = new URL(pageUrl);
    const url = `ws://${page.host}/api${page.search}`;
    return new Promise((done, fail) => {
      const socket = new WebSocket(url, { origin: page.origin });
      socket.once('open', () => done(new LabSocket(socket)));
      socket.once('unexpected-response', (_request, response) =>
        fail(new Error(`refused with ${response.statusCode}`)),
      );
      socket.once('error', fail);
    });
  }

  /** Invokes a channel and resolves with its reply. */
  invoke(channel: string, payload?: unknown): Promise<Reply<unknown>> {
    const id = this.next++;
    return this.send(JSON.stringify({ type: 'invoke', id, channel, payload }), id);
  }

  /** Sends a raw frame and resolves with the reply carrying `id` (null: a reply to a frame too broken to have one). */
  send(frame: string | Buffer, id: number | null): Promise<Reply<unknown>> {
    return new Promise((done) => {
      this.pending.set(id, done);
      this.socket.send(frame);
    });
  }

  /** Sends one frame and resolves with the very next reply (send one such frame at a time). */
  sendNext(frame: string | Buffer): Promise<Reply<unknown>> {
    return new Promise((done) => {
      this.nextReply = done;
      this.socket.send(frame);
    });
  }

  /** Resolves with the first event matching `test`, already received or to come. */
  async waitFor(test: (event: ServerEvent) => boolean, timeoutMs = 30_000): Promise<ServerEvent> {
    const until = Date.now() + timeoutMs;
    for (;;) {
      const found = this.events.find(test);
      if (found) return found;
      if (Date.now() > until) throw new Error('the awaited event did not come');
      await new Promise((resolve) => setTimeout(resolve, 10));
    }
  }

  close(): void {
    this.socket.close();
  }
}
