/**
 * Bench (e)'s simulated attendees, in a process of their own: `count` windows join with the
 * attendee token and read every frame without parsing it (only as far as telling the run's result
 * from a snapshot). In a real room each is a browser on another laptop and costs the serving machine
 * nothing; here they share its cores, so they run at the models' priority (nice 10, as every model
 * does), below the serving thread, competing with the models on equal terms rather than ahead of them.
 *
 * Messages: to the parent `{ type: 'joined' }` once every window is open, then `{ type: 'report' }`
 * with what they received once every window has the result or was dropped, or when told `'stop'`.
 */
import { lowerProcess } from '../src/workers/protocol/model-priority';
import { connect } from './ws-window';

/** What the followers received. */
export interface FollowersReport {
  readonly type: 'report';
  readonly finished: number;
  readonly dropped: number;
  readonly bytes: number;
}

const FINISHED = Buffer.from('{"type":"event","event":"run:finished"');

async function follow(origin: string, token: string, count: number): Promise<void> {
  lowerProcess(process.pid);
  const windows = await Promise.all(Array.from({ length: count }, () => connect(origin, token)));
  let bytes = 0;
  let finished = 0;
  let dropped = 0;
  let reported = false;
  const report = (): void => {
    if (reported) return;
    reported = true;
    for (const window of windows) window.removeAllListeners('close').close();
    const message: FollowersReport = { type: 'report', finished, dropped, bytes };
    process.send!(message, () => process.exit(0));
  };
  for (const window of windows) {
    window.on('message', (data: Buffer) => {
      bytes += data.length;
      if (data.subarray(0, FINISHED.length).equals(FINISHED) && ++finished + dropped >= count) report();
    });
    window.once('close', () => {
      if (++dropped + finished >= count) report();
    });
  }
  process.on('message', (message) => {
    if (message === 'stop') report();
  });
  process.send!({ type: 'joined' });
}

const [origin, token, count] = process.argv.slice(2);
void follow(origin!, token!, Number(count));
