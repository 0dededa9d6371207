/**
 * How attendees join a room server: the command to type on each laptop, and its QR code — large in
 * presenter mode, so the back row can read it from the projector.
 */
import type { ReactNode } from 'react';
import { selectPresenterOn } from '../../store/presenter-slice';
import { useLab } from '../../store/store-context';
import { QrCode } from '../room/qr-code';

/** The join panel, shown while this lab runs a room server. */
export function ClusterJoin(): ReactNode {
  const join = useLab((s) => s.cluster.state?.join ?? null);
  const presenter = useLab(selectPresenterOn);
  if (!join) return null;
  return (
    <section
      className={`panel cluster-join${presenter ? ' cluster-join-large' : ''}`}
      aria-labelledby="cluster-join-title"
    >
      <div className="panel-header">
        <h2 id="cluster-join-title">Join as a worker</h2>
      </div>
      <QrCode rows={join.qr} label={`QR code of the join command: ${join.command}`} className="cluster-qr" />
      <div className="cluster-join-text">
        <p>On each laptop with Concurrency Lab installed, in a terminal:</p>
        <pre className="cluster-command">
          <code>{join.command}</code>
        </pre>
        <p className="hint">
          Its workers take tasks and send results, nothing else: they read no files of the laptop and reach no
          other machine. Ctrl-C leaves and hands unfinished tasks back.
        </p>
      </div>
    </section>
  );
}
