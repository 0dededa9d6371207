/** Stand-ins for the Electron objects the shell touches, for unit tests that mock `electron` (its binary is not installed here). */
import { EventEmitter } from 'node:events';
import { vi } from 'vitest';

/** An Electron event with the fields the guards read. */
export interface FakeEvent {
  readonly url: string;
  defaultPrevented: boolean;
  preventDefault(): void;
}

/** A cancellable event for `url`. */
export function fakeEvent(url = ''): FakeEvent {
  const event: FakeEvent = {
    url,
    defaultPrevented: false,
    preventDefault: () => {
      event.defaultPrevented = true;
    },
  };
  return event;
}

/** A WebFrameMain: its URL, identity and parent. */
export class FakeFrame {
  constructor(
    public url: string,
    public readonly processId = 1,
    public readonly routingId = 1,
    public readonly parent: FakeFrame | null = null,
  ) {}
}

/** A webContents: events, the window-open handler, sent messages. */
export class FakeWebContents extends EventEmitter {
  windowOpenHandler: ((details: { url: string }) => { action: string }) | null = null;
  mainFrame = new FakeFrame('app://lab/index.html');
  destroyed = false;
  readonly sent: Array<[string, unknown]> = [];

  setWindowOpenHandler(handler: (details: { url: string }) => { action: string }): void {
    this.windowOpenHandler = handler;
  }

  send(channel: string, payload: unknown): void {
    this.sent.push([channel, payload]);
  }

  isDestroyed(): boolean {
    return this.destroyed;
  }

  /** Emits a cancellable navigation-style event and says whether a guard prevented it. */
  prevented(eventName: string, url: string): boolean {
    const event = fakeEvent(url);
    this.emit(eventName, event, url);
    return event.defaultPrevented;
  }
}

/** A BrowserWindow that records how it was made. */
export class FakeBrowserWindow extends EventEmitter {
  static readonly created: FakeBrowserWindow[] = [];
  /** When set, loadURL rejects with it. */
  static loadFailure: Error | null = null;
  readonly webContents = new FakeWebContents();
  readonly loadURL = vi.fn(async (_url: string) => {
    if (FakeBrowserWindow.loadFailure) throw FakeBrowserWindow.loadFailure;
  });
  readonly show = vi.fn();
  readonly focus = vi.fn();
  readonly restore = vi.fn();
  destroyed = false;
  minimized = false;

  constructor(readonly options: Record<string, unknown>) {
    super();
    FakeBrowserWindow.created.push(this);
  }

  isDestroyed(): boolean {
    return this.destroyed;
  }

  isMinimized(): boolean {
    return this.minimized;
  }
}
