/** The data-passing lesson's numbers: the largest payload per carrier, message latency, and what processes cannot do. */
import type { ReactNode } from 'react';
import type { DataPassingResult } from '../../../../../shared/lessons/data-passing';
import { formatBytes, formatDelay } from '../../../../../shared/format';
import { passingLabel, PASSING_WAYS } from '../../../charts/lesson-data-passing-data';
import { useLab } from '../../../store/store-context';
import { Panel } from '../../../ui/panel';

function LargestPayload({ result }: { readonly result: DataPassingResult }): ReactNode {
  const biggest = Math.max(0, ...result.rows.map((r) => r.bytes));
  return (
    <div className="table-scroll">
      <table className="results-table">
        <caption className="lesson-caption">Round trip of {formatBytes(biggest)}, median</caption>
        <thead>
          <tr>
            <th scope="col">Carrier</th>
            <th scope="col" className="num">
              Round trip
            </th>
            <th scope="col" className="num">
              ms per MB
            </th>
            <th scope="col" className="num">
              Far side reading
            </th>
            <th scope="col">Checksum</th>
          </tr>
        </thead>
        <tbody>
          {PASSING_WAYS.map(({ carrier, mode }) => {
            const row = result.rows.find(
              (r) => r.carrier === carrier && r.mode === mode && r.bytes === biggest,
            );
            return (
              <tr key={`${carrier}-${mode}`}>
                <th scope="row">{passingLabel(carrier, mode)}</th>
                <td className="num">{row ? formatDelay(row.ms) : '—'}</td>
                <td className="num">{row ? row.msPerMb.toFixed(2) : '—'}</td>
                <td className="num">{row ? formatDelay(row.touchMs) : '—'}</td>
                <td className="nowrap">{row ? (row.ok ? '✓ right' : '✗ wrong') : 'not measured'}</td>
              </tr>
            );
          })}
        </tbody>
      </table>
    </div>
  );
}

function Latency({ result }: { readonly result: DataPassingResult }): ReactNode {
  return (
    <div className="table-scroll">
      <table className="results-table">
        <caption className="lesson-caption">Message round trip (a tiny message there and back)</caption>
        <thead>
          <tr>
            <th scope="col">Carrier</th>
            <th scope="col" className="num">
              Median
            </th>
            <th scope="col" className="num">
              p95
            </th>
            <th scope="col" className="num">
              Samples
            </th>
          </tr>
        </thead>
        <tbody>
          {result.latency.map((row) => (
            <tr key={row.carrier}>
              <th scope="row">{row.carrier}</th>
              <td className="num">{formatDelay(row.medianMs)}</td>
              <td className="num">{formatDelay(row.p95Ms)}</td>
              <td className="num">{row.samples}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

/** The numbers panel, once the lesson has finished. */
export function DataPassingResults(): ReactNode {
  const result = useLab((s) => s.lessons.results['data-passing']);
  if (!result) return null;
  return (
    <Panel title="Numbers" className="data-passing-numbers">
      <LargestPayload result={result} />
      <Latency result={result} />
      <h3 className="lesson-subheading">What processes cannot do</h3>
      <ul className="unsupported">
        {result.unsupported.map((u) => (
          <li key={`${u.carrier}-${u.mode}`}>
            <strong>{passingLabel(u.carrier, u.mode)}:</strong> impossible — {u.reason}.
          </li>
        ))}
      </ul>
    </Panel>
  );
}
