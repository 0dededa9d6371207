/** Handlers of the cluster panel: its state, and starting, connecting and stopping its server between runs. */
import type { HandlerMap, LabActivity } from './lab-activity';
import type { LabCluster } from './lab-cluster';

/** cluster:state, cluster:start, cluster:connect and cluster:stop. */
export function clusterHandlers(
  cluster: LabCluster,
  activity: LabActivity,
): HandlerMap<'cluster:state' | 'cluster:start' | 'cluster:connect' | 'cluster:stop'> {
  return {
    'cluster:state': async () => cluster.state(),
    // A run in progress uses the server in place: changing it would fail that run.
    'cluster:start': async (request) => {
      activity.assertIdle();
      return cluster.start(request);
    },
    'cluster:connect': async (request) => {
      activity.assertIdle();
      return cluster.connect(request);
    },
    'cluster:stop': async () => {
      activity.assertIdle();
      return cluster.stop();
    },
  };
}
