/** The real GIL beside the simulated one: what CPython measured while py-threads ran, each figure with how. */
import type { ReactNode } from 'react';
import { selectPyThreadsResult } from '../../store/gil-lesson-slice';
import { runScenario, selectRunOnScreen } from '../../store/run-slice';
import { useLab } from '../../store/store-context';
import { EmptyState, Panel } from '../../ui/panel';
import { PythonCodeButton } from '../python/python-code';
import { PythonFigures, PythonLaneTable } from '../python/python-measurements';

/** The real-GIL panel. */
export function GilRealTable(): ReactNode {
  const result = useLab(selectPyThreadsResult);
  const scenario = useLab((s) => runScenario(selectRunOnScreen(s, 'gil-lesson')));
  const python = result?.python;
  return (
    <Panel
      title="The real GIL"
      className="gil-real"
      aside={
        result && scenario ? (
          <PythonCodeButton model="py-threads" scenario={scenario} />
        ) : (
          <span className="muted">py-threads</span>
        )
      }
    >
      {!result || !python ? (
        <EmptyState>
          When py-threads finishes, what CPython’s own clocks measured of its GIL appears here: no native
          tools, only thread CPU time against wall time and a thread that sleeps 1 ms at a time.
        </EmptyState>
      ) : (
        <>
          <PythonLaneTable stats={python} />
          <PythonFigures stats={python} />
        </>
      )}
    </Panel>
  );
}
