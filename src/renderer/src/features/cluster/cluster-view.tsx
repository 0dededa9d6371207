/**
 * The Cluster view: where the distributed model's broker is and who joined it — the room's laptops as
 * workers. Races with the distributed model show each worker as a lane.
 */
import type { ReactNode } from 'react';
import { selectPresenterOn } from '../../store/presenter-slice';
import { useLab } from '../../store/store-context';
import { ClusterBroker } from './cluster-broker';
import { ClusterJoin } from './cluster-join';
import { ClusterWorkers } from './cluster-workers';
import './cluster.css';

/** The view. */
export function ClusterView(): ReactNode {
  // On the projector the join command and its code come first, across the whole width.
  const presenter = useLab(selectPresenterOn);
  return (
    <main className="app-main cluster-main">
      {presenter && <ClusterJoin />}
      <div className="column">
        <ClusterBroker />
        {!presenter && <ClusterJoin />}
      </div>
      <div className="column">
        <ClusterWorkers />
        <section className="panel cluster-about" aria-labelledby="cluster-about-title">
          <div className="panel-header">
            <h2 id="cluster-about-title">What the broker costs and buys</h2>
          </div>
          <p>
            The distributed model is Celery’s idea on NATS JetStream: each task goes through a queue to
            whichever worker pulls it, here or on another machine. Every task pays a broker round trip; more
            machines pay it back only when tasks are big enough. Tick <strong>distributed</strong> in a race
            to measure both, or open the lesson “Outgrowing one machine”.
          </p>
          <p className="hint">
            Word counts and HTTP requests stay on this machine: their tasks read its files and reach its
            loopback server, so joined workers sit those runs out.
          </p>
        </section>
      </div>
    </main>
  );
}
