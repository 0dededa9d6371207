/**
 * How numbers and errors read, on screen and in reports: durations, rates, ratios, sizes, messages;
 * one place, so a rounding fix reaches every view, export and lesson.
 */

const integer = new Intl.NumberFormat('en-US', { maximumFractionDigits: 0 });

/** A count with thousands separators: 100,000. */
export function formatCount(value: number): string {
  return integer.format(value);
}

/** Three significant digits at most, without exponent notation. */
function threeDigits(value: number): string {
  const abs = Math.abs(value);
  if (abs >= 100) return integer.format(value);
  if (abs >= 10) return value.toFixed(1);
  return value.toFixed(2);
}

/** A duration: "850 ms", "1.23 s", "2 min 05 s". */
export function formatDuration(ms: number): string {
  if (!Number.isFinite(ms)) return '—';
  if (ms < 1) return `${ms.toFixed(2)} ms`;
  if (ms < 1000) return `${threeDigits(ms)} ms`;
  if (ms < 60_000) return `${threeDigits(ms / 1000)} s`;
  const totalSeconds = Math.round(ms / 1000);
  const minutes = Math.floor(totalSeconds / 60);
  const seconds = totalSeconds % 60;
  return `${minutes} min ${String(seconds).padStart(2, '0')} s`;
}

/** Tasks per second: "12.3/s". */
export function formatRate(perSecond: number): string {
  return Number.isFinite(perSecond) ? `${threeDigits(perSecond)}/s` : '—';
}

/** A speedup: "1.96×"; a dash when it could not be measured. */
export function formatSpeedup(ratio: number | null): string {
  return ratio === null || !Number.isFinite(ratio) ? '—' : `${threeDigits(ratio)}×`;
}

/** A share 0..1 as a percentage: "45%"; a dash when unmeasured. */
export function formatShare(share: number | null): string {
  return share === null || !Number.isFinite(share) ? '—' : `${Math.round(share * 100)}%`;
}

/** A percentage already in 0..100: "45%". */
export function formatPercent(percent: number): string {
  return Number.isFinite(percent) ? `${Math.round(percent)}%` : '—';
}

/** Megabytes: "123 MB". */
export function formatMb(mb: number): string {
  return Number.isFinite(mb) ? `${integer.format(mb)} MB` : '—';
}

/** Milliseconds with one decimal under 10: "3.2 ms", "48 ms". */
export function formatDelay(ms: number): string {
  if (!Number.isFinite(ms)) return '—';
  return ms < 10 ? `${ms.toFixed(1)} ms` : `${integer.format(ms)} ms`;
}

/** A time of day from an ISO date, in the viewer's time zone: "14:03:22". */
export function formatTimeOfDay(iso: string): string {
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return iso;
  return date.toLocaleTimeString('en-GB', { hour: '2-digit', minute: '2-digit', second: '2-digit' });
}

/** The message of anything thrown, for one-line errors. */
export function errorMessage(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
