/**
 * How numbers and errors read, on screen and in reports: counts, sizes, durations, rates, speedups,
 * percentages, messages; one place, so a rounding fix reaches every view, export and lesson.
 */

const integer = new Intl.NumberFormat('en-US', { maximumFractionDigits: 0 });

/** A count with thousands separators: 100,000 (big integers too). */
export function formatCount(value: number | bigint): string {
  return integer.format(value);
}

/** A size in binary units, one decimal at most: "512 bytes", "64 KB", "1.5 MB". */
export function formatBytes(bytes: number): string {
  const units = ['bytes', 'KB', 'MB', 'GB'] as const;
  let value = bytes;
  let unit = 0;
  while (value >= 1024 && unit < units.length - 1) {
    value /= 1024;
    unit++;
  }
  return `${unit === 0 ? Math.round(value) : +value.toFixed(1)} ${units[unit]}`;
}

/** Megabytes: "123 MB". */
export function formatMb(mb: number): string {
  return Number.isFinite(mb) ? `${integer.format(mb)} MB` : '—';
}

/** Three significant digits at most, without exponent notation. */
function threeDigits(value: number): string {
  const abs = Math.abs(value);
  if (abs >= 100) return integer.format(value);
  if (abs >= 10) return value.toFixed(1);
  return value.toFixed(2);
}

/** A duration to three significant digits: "850 ms", "12.3 ms", "1.23 s", "2 min 05 s". */
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

/** A duration where fractions of a millisecond are noise (start-up times): "82 ms", "1.50 s". */
export function formatCoarseDuration(ms: number): string {
  return ms >= 1000 ? `${(ms / 1000).toFixed(2)} s` : `${Math.round(ms)} ms`;
}

/** Seconds to a tenth, so a ticking counter keeps its width: "1.2 s", "12.0 s". */
export function formatSeconds(ms: number): string {
  return `${(ms / 1000).toFixed(1)} s`;
}

/** Milliseconds with one decimal under 10: "3.2 ms", "48 ms". */
export function formatDelay(ms: number): string {
  if (!Number.isFinite(ms)) return '—';
  return ms < 10 ? `${ms.toFixed(1)} ms` : `${integer.format(ms)} ms`;
}

/** Tasks per second: "12.3/s". */
export function formatRate(perSecond: number): string {
  return Number.isFinite(perSecond) ? `${threeDigits(perSecond)}/s` : '—';
}

/**
 * A speedup to three significant digits: "1.96×", "12.3×"; a dash when it could not be measured.
 * The table and the verdict both use it, so a sentence never rounds what its table shows differently.
 */
export function formatSpeedup(ratio: number | null): string {
  return ratio === null || !Number.isFinite(ratio) ? '—' : `${threeDigits(ratio)}×`;
}

/**
 * A speedup to a tenth, whole from 10×: "3.0×", "12×" — for claims, whose thresholds are rough by
 * nature ("up to 6.0× faster"). The decimals are chosen after rounding, so 9.96 reads "10×", not "10.0×".
 */
export function formatSpeedupApprox(ratio: number): string {
  const tenth = Math.round(ratio * 10) / 10;
  return `${tenth >= 10 ? tenth.toFixed(0) : tenth.toFixed(1)}×`;
}

/**
 * A percentage already in 0..100. The one rule for every percentage: whole numbers from 10%, one
 * decimal below so a small share never reads as nothing ("0.3%", not "0%"), "<0.1%" below that, and
 * "0%" only for zero. The decimals are chosen after rounding: 9.96 reads "10%".
 */
export function formatPercent(percent: number): string {
  if (!Number.isFinite(percent)) return '—';
  if (percent === 0) return '0%';
  if (percent > 0 && percent < 0.05) return '<0.1%';
  const tenth = Math.round(percent * 10) / 10;
  return Math.abs(tenth) >= 10 ? `${Math.round(percent)}%` : `${tenth.toFixed(1)}%`;
}

/** A share 0..1 as a percentage, by formatPercent's rule: "45%", "0.3%"; a dash when unmeasured. */
export function formatShare(share: number | null): string {
  return share === null ? '—' : formatPercent(share * 100);
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

/*
 * Plain-text reports (the CLI's table, Markdown, the results log): fixed decimals and ASCII, so
 * columns line up and files diff cleanly from run to run.
 */

/** Seconds with 3 decimals, e.g. `2.013`. */
export function reportSeconds(ms: number): string {
  return (ms / 1000).toFixed(3);
}

/** A speedup like `4.98x`, or `-` when there is no baseline. */
export function reportSpeedup(speedup: number | null): string {
  return speedup === null ? '-' : `${speedup.toFixed(2)}x`;
}

/** Tasks per second: 2 decimals under 100, whole numbers above. */
export function reportThroughput(perSecond: number): string {
  return perSecond >= 100 ? String(Math.round(perSecond)) : perSecond.toFixed(2);
}

/** Milliseconds: 2 decimals under 10 ms, 1 decimal above. */
export function reportMs(ms: number): string {
  return ms < 10 ? ms.toFixed(2) : ms.toFixed(1);
}

/** A 0..1 utilisation by formatPercent's rule, or `-` when unmeasured. */
export function reportShare(utilization: number | null): string {
  return utilization === null ? '-' : formatPercent(utilization * 100);
}
