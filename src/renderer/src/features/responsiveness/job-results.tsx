/**
 * One row per press: where it ran, the user's wait, the longest frame gap, the main process's longest
 * stall and the verdict computed from them. Raw numbers ride in data-ms for tests and tools.
 */
import type { ReactNode } from 'react';
import type { Catalog } from '../../../../shared/views';
import { FROZE_MS, SMOOTH_MS } from '../../../../shared/responsiveness';
import { formatCount, formatDuration, formatPercent } from '../../../../shared/format';
import { chunkTradeOff, selectJobRows, type JobRow } from '../../store/responsiveness-slice';
import { useLab } from '../../store/store-context';
import { EmptyState, Panel } from '../../ui/panel';
import { placementInfo } from './placements';

function plural(n: number, word: string): string {
  return `${formatCount(n)} ${word}${n === 1 ? '' : 's'}`;
}

function ResultRow({
  row,
  processKind,
}: {
  readonly row: JobRow;
  readonly processKind: Catalog['processKind'];
}) {
  const info = placementInfo(row.placement, processKind);
  return (
    <tr data-placement={row.placement} className={`verdict-row-${row.verdict}`}>
      <th scope="row">
        {info.where}
        <span className="cell-note">
          {formatDuration(row.durationMs)} job
          {row.chunkMs !== null && `, yield every ${row.chunkMs} ms`} ·{' '}
          <span className={row.ok ? 'check-ok' : 'check-wrong'}>
            {formatCount(row.count)} primes {row.ok ? '✓ checked' : '✗ wrong count'}
          </span>
        </span>
      </th>
      <td className="num" data-ms={row.jobMs}>
        {formatDuration(row.jobMs)}
      </td>
      <td className="num" data-ms={row.longestGapMs}>
        {formatDuration(row.longestGapMs)}
        <span className="cell-note">
          {plural(row.droppedFrames, 'dropped frame')} · {plural(row.longTasks, 'long task')}
        </span>
      </td>
      {row.mainLoopDelayMaxMs === null ? (
        <td className="num">—</td>
      ) : (
        <td className="num" data-ms={row.mainLoopDelayMaxMs}>
          {formatDuration(row.mainLoopDelayMaxMs)}
        </td>
      )}
      <td className={`verdict-cell verdict-${row.verdict}`}>{row.verdict}</td>
    </tr>
  );
}

function TradeOff({ rows }: { readonly rows: readonly JobRow[] }): ReactNode {
  const tradeOff = chunkTradeOff(rows);
  if (!tradeOff) return null;
  const { chunked, blocking, slowdown } = tradeOff;
  const percent = (slowdown - 1) * 100;
  return (
    <p className="trade-off">
      <strong>The chunked trade-off:</strong> the same {formatDuration(chunked.durationMs)} job took{' '}
      {formatDuration(chunked.jobMs)} chunked against {formatDuration(blocking.jobMs)} blocking (
      {Math.abs(percent) < 2.5
        ? 'about as long: at this slice the hand-backs cost little'
        : `${formatPercent(Math.abs(percent))} ${percent > 0 ? 'longer' : 'shorter'}`}
      ), while the main loop’s longest stall went from {formatDuration(blocking.mainLoopDelayMaxMs ?? NaN)} to{' '}
      {formatDuration(chunked.mainLoopDelayMaxMs ?? NaN)}.
    </p>
  );
}

/** The results panel. */
export function JobResults(): ReactNode {
  const rows = useLab(selectJobRows);
  const processKind = useLab((s) => s.catalog.value?.processKind ?? 'child_process');
  return (
    <Panel title="Results" className="job-results" aside={<span className="muted">one row per press</span>}>
      {rows.length === 0 ? (
        <EmptyState>Each press adds a row here: where the job ran, and what the wait felt like.</EmptyState>
      ) : (
        <div className="table-scroll">
          <table className="results-table job-table">
            <caption className="visually-hidden">Responsiveness results</caption>
            <thead>
              <tr>
                <th scope="col">Where it ran</th>
                <th scope="col" className="num">
                  Job time
                </th>
                <th scope="col" className="num">
                  Longest frame gap
                </th>
                <th scope="col" className="num">
                  Main loop delay max
                </th>
                <th scope="col">Verdict</th>
              </tr>
            </thead>
            <tbody>
              {rows.map((row) => (
                <ResultRow key={row.id} row={row} processKind={processKind} />
              ))}
            </tbody>
          </table>
        </div>
      )}
      <TradeOff rows={rows} />
      <p className="hint">
        Job time runs from the press to the result (the user’s wait, including the round trip). Main loop
        delay max: the engine’s own probe around its jobs; for the page’s two, the largest of the
        once-a-second stats samples that arrived during the job (— when none did). Verdict: froze when the
        page or the main process stalled {formatDuration(FROZE_MS)} or more, stuttered from{' '}
        {formatDuration(SMOOTH_MS)}, else smooth.
      </p>
    </Panel>
  );
}
