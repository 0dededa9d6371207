/** A LabApi the tests drive by hand: canned replies per channel, events emitted on demand, a settable connection. */
import type {
  EventChannel,
  EventContract,
  InvokeChannel,
  InvokeContract,
  LabApi,
  ReplyOf,
} from '../../../shared/ipc';
import type { ConnectionMonitor, ConnectionState } from '../api/connection';

type Handler<C extends InvokeChannel> = (
  request: InvokeContract[C]['request'],
) => ReplyOf<C> | Promise<ReplyOf<C>>;

/** A fake engine. */
export class FakeLabApi implements LabApi {
  readonly calls: { channel: InvokeChannel; request: unknown }[] = [];
  private readonly handlers: { [C in InvokeChannel]?: Handler<C> } = {};
  private readonly listeners = new Map<EventChannel, Set<(payload: unknown) => void>>();
  private readonly connectionListeners = new Set<(state: ConnectionState) => void>();
  private state: ConnectionState;

  constructor(initial: ConnectionState = 'open') {
    this.state = initial;
  }

  readonly connection: ConnectionMonitor = {
    current: () => this.state,
    subscribe: (listener) => {
      this.connectionListeners.add(listener);
      return () => this.connectionListeners.delete(listener);
    },
    reconnectNow: () => {},
  };

  /** Answers a channel from now on. */
  handle<C extends InvokeChannel>(channel: C, handler: Handler<C>): this {
    (this.handlers as Record<string, unknown>)[channel] = handler;
    return this;
  }

  invoke<C extends InvokeChannel>(channel: C, request: InvokeContract[C]['request']): Promise<ReplyOf<C>> {
    this.calls.push({ channel, request });
    const handler = this.handlers[channel] as Handler<C> | undefined;
    if (!handler) {
      return Promise.resolve({ ok: false, error: { code: 'internal', message: `no fake for ${channel}` } });
    }
    return Promise.resolve(handler(request));
  }

  on<E extends EventChannel>(event: E, listener: (payload: EventContract[E]) => void): () => void {
    let set = this.listeners.get(event);
    if (!set) this.listeners.set(event, (set = new Set()));
    const entry = listener as (payload: unknown) => void;
    set.add(entry);
    return () => set.delete(entry);
  }

  /** Sends an event to every listener. */
  emit<E extends EventChannel>(event: E, payload: EventContract[E]): void {
    for (const listener of this.listeners.get(event) ?? []) listener(payload);
  }

  /** How many listeners an event has (to check unsubscribing). */
  listenerCount(event: EventChannel): number {
    return this.listeners.get(event)?.size ?? 0;
  }

  /** Changes the connection state and tells its listeners. */
  setConnection(state: ConnectionState): void {
    this.state = state;
    for (const listener of this.connectionListeners) listener(state);
  }

  /** The channels invoked so far, in order. */
  channels(): InvokeChannel[] {
    return this.calls.map((call) => call.channel);
  }
}
