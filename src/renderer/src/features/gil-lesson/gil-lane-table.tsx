/** Per lane of gil-threads: how long it held the GIL, how long it waited for it, and how often it let go. */
import type { ReactNode } from 'react';
import { formatCount, formatDuration } from '../../../../shared/format';
import { gilLaneRows, selectGilResult } from '../../store/gil-lesson-slice';
import { useLab } from '../../store/store-context';
import { EmptyState, Panel } from '../../ui/panel';

/** The GIL table panel. */
export function GilLaneTable(): ReactNode {
  const result = useLab(selectGilResult);
  const gil = result?.gil;
  return (
    <Panel title="GIL per lane" className="gil-lanes" aside={<span className="muted">gil-threads</span>}>
      {!result || !gil ? (
        <EmptyState>
          When gil-threads finishes, each lane’s time holding and waiting for the GIL appears here.
        </EmptyState>
      ) : (
        <>
          <div className="table-scroll">
            <table className="results-table gil-table">
              <caption className="visually-hidden">GIL time per lane of gil-threads</caption>
              <thead>
                <tr>
                  <th scope="col">Lane</th>
                  <th scope="col" className="num">
                    Held
                  </th>
                  <th scope="col" className="num">
                    Waited
                  </th>
                  <th scope="col" className="num">
                    Switches
                  </th>
                </tr>
              </thead>
              <tbody>
                {gilLaneRows(gil, result.lanes).map((row) => (
                  <tr key={row.lane}>
                    <th scope="row">
                      <span className="model-cell">
                        <span className={`swatch lane-swatch-${row.lane % 8}`} aria-hidden="true" />
                        {row.label}
                      </span>
                    </th>
                    <td className="num" data-ms={row.holdMs}>
                      {formatDuration(row.holdMs)}
                    </td>
                    <td className="num" data-ms={row.waitMs}>
                      {formatDuration(row.waitMs)}
                    </td>
                    <td className="num">{formatCount(row.switches)}</td>
                  </tr>
                ))}
              </tbody>
              <tfoot>
                <tr>
                  <th scope="row">All lanes</th>
                  <td className="num">{formatDuration(gil.holdMs)}</td>
                  <td className="num">{formatDuration(gil.waitMs)}</td>
                  <td className="num">{formatCount(gil.switches)}</td>
                </tr>
              </tfoot>
            </table>
          </div>
          <p className="hint">
            Switch interval {gil.switchIntervalMs} ms at the start of the run. Under CPU work the lanes’ held
            times add up to about the wall time — one lane at a time; a waiting thread lets go, so under I/O
            the GIL is barely held.
          </p>
        </>
      )}
    </Panel>
  );
}
