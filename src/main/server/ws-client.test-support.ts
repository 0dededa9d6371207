/** A WebSocket client for the server's tests: pairs replies with requests and collects events. */
import WebSocket from 'ws';
import type { EventContract, Reply } from '../../shared/ipc';
import type { WsServerMessage } from '../../shared/ws-protocol';

/** A WebSocket client that pairs replies with requests and collects events. */
export class Client {
  private next = 1;
  private readonly pending = new Map<number | null, (reply: Reply<unknown>) => void>();
  /** For frames sent one at a time whose id the test cannot predict: takes the next reply, whatever its id. */
  private nextReply: ((reply: Reply<unknown>) => void) | null = null;
  readonly events: WsServerMessage[] = [];

  private constructor(private readonly socket: WebSocket) {
    socket.on('message', (data) => {
      const message = JSON.parse(data.toString()) as WsServerMessage;
      if (message.type === 'event') this.events.push(message);
      else if (this.nextReply) {
        const done = this.nextReply;
        this.nextReply = null;
        done(message.reply);
      } else {
        const done = this.pending.get(message.id);
        this.pending.delete(message.id);
        done?.(message.reply);
      }
    });
  }

  static open(url: string, origin: string, headers: Record<string, string> = {}): Promise<Client> {
    return new Promise((done, fail) => {
      const socket = new WebSocket(url, { origin, headers });
      socket.once('open', () => done(new Client(socket)));
      socket.once('unexpected-response', (_request, response) =>
        fail(new Error(`refused with ${response.statusCode}`)),
      );
      socket.once('error', fail);
    });
  }

  invoke(channel: string, payload?: unknown): Promise<Reply<unknown>> {
    const id = this.next++;
    return this.raw(JSON.stringify({ type: 'invoke', id, channel, payload }), id);
  }

  /** Sends one frame and resolves with the very next reply. */
  rawNext(frame: string): Promise<Reply<unknown>> {
    return new Promise((done) => {
      this.nextReply = done;
      this.socket.send(frame);
    });
  }

  raw(frame: string, id: number | null = null): Promise<Reply<unknown>> {
    return new Promise((done) => {
      this.pending.set(id, done);
      this.socket.send(frame);
    });
  }

  async waitForEvent<E extends keyof EventContract>(event: E, timeoutMs = 30_000): Promise<EventContract[E]> {
    const until = Date.now() + timeoutMs;
    for (;;) {
      const found = this.events.find((e) => e.type === 'event' && e.event === event);
      if (found && found.type === 'event') return found.payload as EventContract[E];
      if (Date.now() > until) throw new Error(`no ${event} event`);
      await new Promise((r) => setTimeout(r, 20));
    }
  }

  close(): void {
    this.socket.close();
  }
}
