/** Lesson: an async producer, a bounded queue, a pool of consumers and a SQLite sink — backpressure, live. */
import { useRef, type ReactNode } from 'react';
import type { PipelineCarrier } from '../../../../../shared/lessons/pipeline';
import { createPipelineChart } from '../../../charts/lesson-pipeline-chart';
import type { PipelineChartInput } from '../../../charts/lesson-pipeline-data';
import type { LabState } from '../../../store/lab-store';
import { useLab } from '../../../store/store-context';
import { Panel } from '../../../ui/panel';
import { ChoiceGroup } from '../choice-group';
import { LessonControls } from '../lesson-actions';
import { LessonFrame } from '../lesson-frame';
import { LessonKnobs } from '../lesson-knobs';
import { PipelineResults } from './pipeline-results';
import { shallow } from 'zustand/shallow';
import { useStoreChart } from '../../../charts/use-store-chart';
import { EngineLessonNotice } from '../engine-lesson-notice';

const CARRIERS = [
  { value: 'threads', label: 'threads' },
  { value: 'processes', label: 'processes' },
] as const;

function selectChartInput(s: LabState): PipelineChartInput {
  const capacity = s.lessons.results.pipeline?.capacity ?? s.lessons.sent.pipeline?.capacity ?? null;
  return { points: s.lessons.points, capacity };
}

function Intro(): ReactNode {
  return (
    <>
      <p>
        <strong>A pipeline.</strong> An async producer offers items to a <em>bounded</em> queue (like{' '}
        <code>asyncio.Queue(maxsize=8)</code>); a pool of consumers — threads or processes — takes items and
        computes; a sink writes one row per item into an embedded SQLite database.
      </p>
      <p>
        When consumers fall behind, the queue fills and the producer must wait for room:{' '}
        <strong>backpressure</strong> keeps memory bounded instead of letting the queue grow without end. Set
        a producer rate below what the consumers manage and the queue stays nearly empty. At the end, the sink
        checks that every produced item was written exactly once.
      </p>
    </>
  );
}

function PipelineChartPanel(): ReactNode {
  const canvasRef = useRef<HTMLCanvasElement>(null);
  useStoreChart(canvasRef, createPipelineChart, selectChartInput, shallow);
  return (
    <Panel title="Queue and rates" aside={<span className="muted">20 points a second, live</span>}>
      <div className="chart-box lesson-chart-box lesson-chart-tall">
        <canvas ref={canvasRef} role="img" aria-label="Queue depth and rates over time: no run yet." />
      </div>
    </Panel>
  );
}

/** The lesson. */
export function PipelineLesson(): ReactNode {
  const carrier = useLab((s) => s.lessons.carrier);
  const carrierChosen = useLab((s) => s.carrierChosen);
  return (
    <LessonFrame
      id="pipeline"
      intro={<Intro />}
      controls={
        <LessonControls lesson="pipeline" form="pipeline">
          <LessonKnobs form="pipeline">
            <ChoiceGroup<PipelineCarrier>
              legend="Consumers run on"
              choices={CARRIERS}
              value={carrier}
              onChange={carrierChosen}
            />
          </LessonKnobs>
        </LessonControls>
      }
      notice={<EngineLessonNotice lesson="pipeline" />}
    >
      <PipelineChartPanel />
      <PipelineResults />
    </LessonFrame>
  );
}
