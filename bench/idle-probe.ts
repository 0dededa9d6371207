/**
 * The machine's own scheduling noise, for bench (e) to report beside the serving process's figure:
 * an idle Node process measuring its event-loop delay exactly as the app's system monitor does (a
 * 10 ms probe timer, the period taken off), one line a second on stdout: `<epoch ms> <p99 ms>`.
 * It does nothing else, so whatever delay it sees is the machine's (other processes, the hypervisor),
 * not its own work.
 */
import { monitorEventLoopDelay } from 'node:perf_hooks';
import { lateness, RESOLUTION_MS } from '../src/main/engine/system/system-monitor';

const delay = monitorEventLoopDelay({ resolution: RESOLUTION_MS });
delay.enable();
setInterval(() => {
  process.stdout.write(`${Date.now()} ${lateness(delay.percentile(99)).toFixed(2)}\n`);
  delay.reset();
}, 1000);
// Ends with the benchmark that started it.
process.stdin.resume();
process.stdin.on('end', () => process.exit(0));
