/** What the lab is doing now — a run, or one job or lesson — and the failures handlers report on purpose. */
import type { InvokeChannel, InvokeContract, LabError } from '../../../shared/ipc';
import { describeCaller, type LabCaller, type LiveRun, type RoomActivity } from '../../../shared/room';
import { isCancellation } from '../errors';
import { LessonInputError } from '../lessons/lesson-environment';

/** The handler of one channel; `caller` says who asked (most handlers need not know). */
export type Handler<C extends InvokeChannel> = (
  request: InvokeContract[C]['request'],
  caller: LabCaller,
) => Promise<InvokeContract[C]['reply']>;

/** Handlers of some channels; the service combines them and the compiler checks every channel is there. */
export type HandlerMap<C extends InvokeChannel> = { readonly [K in C]: Handler<K> };

/** A failure a handler reports on purpose, with its code and what a client needs to explain it. */
export class LabFailure extends Error {
  constructor(
    readonly code: LabError['code'],
    message: string,
    readonly details: Pick<LabError, 'activity' | 'role'> = {},
  ) {
    super(message);
  }
}

/** A run in progress. */
export interface ActiveRun {
  readonly runId: string;
  readonly controller: AbortController;
  readonly done: Promise<void>;
  readonly activity: Extract<RoomActivity, { readonly kind: 'run' }>;
  /** How far it got, in words ("40% of 3 models × 12 tasks"). */
  progress(): string;
  /** Its snapshots and finished models so far, for a window that arrives in the middle. */
  live(): LiveRun;
}

/** A job or lesson, as it is announced: what it is and who asked. */
export type ExclusiveActivity = Exclude<RoomActivity, { readonly kind: 'run' }>;

function clock(iso: string): string {
  return new Date(iso).toTimeString().slice(0, 8);
}

/** What an activity is, in a few words ("the pipeline lesson"). */
export function activityName(activity: RoomActivity): string {
  switch (activity.kind) {
    case 'run':
      return `a run of ${activity.request.scenario} on ${activity.request.models.join(', ')}`;
    case 'lesson':
      return `the ${activity.lesson.lesson} lesson`;
    case 'job':
      return activity.what;
  }
}

/** One thing at a time: a run, or a job or lesson. Either would disturb the other's measurements. */
export class LabActivity {
  private active: ActiveRun | null = null;
  private exclusive: {
    readonly activity: ExclusiveActivity;
    readonly controller: AbortController;
    readonly done: Promise<unknown>;
  } | null = null;
  closed = false;

  /** `changed` hears of every start and end (the room tells every window). */
  constructor(private readonly changed: () => void = () => {}) {}

  /** The run in progress, if any. */
  get run(): ActiveRun | null {
    return this.active;
  }

  set run(run: ActiveRun | null) {
    if (run === this.active) return;
    this.active = run;
    this.changed();
  }

  /** What runs now, for the room. */
  describe(): RoomActivity | null {
    return this.active?.activity ?? this.exclusive?.activity ?? null;
  }

  /** Throws a 'busy' failure naming what is in the way, who started it and how far it got, if anything is. */
  assertIdle(): void {
    if (this.closed) throw new LabFailure('busy', 'the lab is shutting down');
    const activity = this.describe();
    if (!activity) return;
    const progress = this.active ? `, ${this.active.progress()}` : '';
    throw new LabFailure(
      'busy',
      `${activityName(activity)} is in progress (started by ${describeCaller(activity.by)} at ${clock(activity.startedAt)}${progress}): wait for it to finish${activity.kind === 'job' ? '' : ' or cancel it'}`,
      { activity },
    );
  }

  /**
   * Runs a job or lesson alone. Cancellation becomes a 'cancelled' failure and bad lesson input an
   * 'invalid-request' one, so the caller always gets a typed reply.
   */
  async exclusively<T>(activity: ExclusiveActivity, work: (signal: AbortSignal) => Promise<T>): Promise<T> {
    this.assertIdle();
    const controller = new AbortController();
    const done = work(controller.signal);
    this.exclusive = { activity, controller, done };
    this.changed();
    try {
      return await done;
    } catch (error) {
      if (isCancellation(error)) throw new LabFailure('cancelled', `${activityName(activity)} was cancelled`);
      if (error instanceof LessonInputError) throw new LabFailure('invalid-request', error.message);
      throw error;
    } finally {
      this.exclusive = null;
      this.changed();
    }
  }

  /** Cancels the job or lesson in progress; whether there was one. */
  cancelExclusive(): boolean {
    if (!this.exclusive) return false;
    this.exclusive.controller.abort();
    return true;
  }

  /** Stops whatever runs and waits for it to be gone. */
  async stop(): Promise<void> {
    this.closed = true;
    const { active, exclusive } = this;
    active?.controller.abort();
    exclusive?.controller.abort();
    await Promise.allSettled([active?.done, exclusive?.done]);
  }
}
