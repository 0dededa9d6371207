/** The selection guide: which model for which workload, each row linked to the lesson or view that shows it. */
import type { ReactNode } from 'react';
import type { RunView } from '../../../../shared/views';
import { MODELS, type ModelId } from '../../../../shared/models';
import { formatDuration, formatSpeedup } from '../../../../shared/format';
import { busyMachine } from '../../../../shared/machine-load';
import type { LabState } from '../../store/lab-store';
import { workshopLesson, type LessonId } from '../../../../shared/lessons/workshop';
import type { RunFormId, TenFilesVariant } from '../../store/lessons-slice-forms';
import { selectLastRun } from '../../store/run-slice';
import { useLab } from '../../store/store-context';
import { Panel } from '../../ui/panel';
import { LessonFrame } from './lesson-frame';

/** Where a row of the guide leads. */
type Demo =
  | {
      readonly kind: 'lesson';
      readonly lesson: LessonId;
      readonly variant?: TenFilesVariant;
      readonly label: string;
    }
  | { readonly kind: 'view'; readonly view: string; readonly label: string };

interface GuideRow {
  readonly workload: string;
  readonly pick: string;
  readonly why: string;
  readonly demo: Demo;
  /** What this machine measured in the demonstrating run, in words, or null before it ran. */
  readonly measured: (s: LabState) => string | null;
}

/** The models' speedups, each group over its own plain loop: "threads 1.9× over sequential; py-threads 0.98× over py-sequential". */
function speedups(view: RunView | undefined, models: readonly ModelId[]): string | null {
  if (!view) return null;
  const byBaseline = new Map<string, string[]>();
  for (const model of models) {
    const result = view.run.results.find((r) => r.model === model);
    if (result?.state !== 'done') continue;
    const baseline = MODELS[model].baseline;
    byBaseline.set(baseline, [
      ...(byBaseline.get(baseline) ?? []),
      `${model} ${formatSpeedup(result.speedup)}`,
    ]);
  }
  const parts = [...byBaseline].map(([baseline, measured]) => `${measured.join(', ')} over ${baseline}`);
  if (parts.length === 0) return null;
  const busy = busyMachine(view.run.load) ? ' (busy machine: unreliable)' : '';
  return `${parts.join('; ')}${busy}`;
}

const run = (form: RunFormId, models: readonly ModelId[]) => (s: LabState) =>
  speedups(selectLastRun(s, form), models);

/** The button that opens a lesson, named by its title. */
const openLabel = (lesson: LessonId): string => `Open “${workshopLesson(lesson).title}”`;

const GUIDE: readonly GuideRow[] = [
  {
    workload: 'CPU-bound',
    pick: 'processes (Python: multiprocessing, ProcessPoolExecutor); in JavaScript, worker threads too',
    why: 'Computing needs cores. CPython’s GIL lets one thread compute at a time, so Python needs processes; JavaScript has no GIL, so worker threads use every core too. async only interleaves: it never computes two things at once.',
    demo: { kind: 'lesson', lesson: 'ten-files', variant: 'cpu', label: 'Open “10 files”, CPU variant' },
    measured: run('ten-files-cpu', [
      'processes',
      'threads',
      'async',
      'py-processes',
      'py-threads',
      'py-asyncio',
    ]),
  },
  {
    workload: 'I/O-bound, few connections',
    pick: 'threads (ThreadPoolExecutor)',
    why: 'A waiting thread lets go of the GIL, so a handful of threads overlap a handful of waits, and blocking libraries keep working unchanged. Each thread costs memory and switches: fine for tens.',
    demo: { kind: 'lesson', lesson: 'ten-files', variant: 'io', label: 'Open “10 files”, I/O variant' },
    measured: run('ten-files-io', [
      'threads',
      'async',
      'processes',
      'py-threads',
      'py-asyncio',
      'py-processes',
    ]),
  },
  {
    workload: 'I/O-bound, many connections',
    pick: 'async (asyncio), with a cap on what is in flight',
    why: 'One event loop keeps thousands of waiting sockets for a small object each; a pool overlaps only as many requests as it has workers. A semaphore keeps the server (and the client) from drowning.',
    demo: { kind: 'lesson', lesson: 'http-requests', label: openLabel('http-requests') },
    measured: run('http-requests', [
      'async',
      'threads',
      'processes',
      'py-asyncio',
      'py-threads',
      'py-processes',
    ]),
  },
  {
    workload: 'Mixed: I/O, then CPU',
    pick: 'async for the I/O, a process pool for the CPU, a bounded queue between',
    why: 'Each stage gets the model that fits it (loop.run_in_executor with a ProcessPoolExecutor); the bounded queue hands work along and pushes back when the CPU stage falls behind.',
    demo: { kind: 'lesson', lesson: 'pipeline', label: openLabel('pipeline') },
    measured: (s) => {
      const result = s.lessons.results.pipeline;
      return result
        ? `${result.written} rows written ${result.exactlyOnce ? 'exactly once' : 'NOT exactly once'}; producer waited ${formatDuration(result.producerBlockedMs)}`
        : null;
    },
  },
  {
    workload: 'Keeping a UI responsive',
    pick: 'move the work off the UI thread: a Web Worker, a worker thread or a utility process',
    why: 'A UI thread busy for 200 ms misses a dozen frames. async on the same thread does not help with computing: the work must run elsewhere, or be cut into chunks that yield.',
    demo: { kind: 'view', view: 'responsiveness', label: 'Open the Responsiveness view' },
    measured: (s) => {
      const rows = s.responsiveness.rows;
      return rows.length > 0 ? `${rows.length} job${rows.length === 1 ? '' : 's'} measured there` : null;
    },
  },
];

function DemoLink({ demo }: { readonly demo: Demo }): ReactNode {
  const lessonChosen = useLab((s) => s.lessonChosen);
  const variantChosen = useLab((s) => s.variantChosen);
  const viewChosen = useLab((s) => s.viewChosen);
  const open = () => {
    if (demo.kind === 'view') return viewChosen(demo.view);
    if (demo.variant) variantChosen(demo.variant);
    lessonChosen(demo.lesson);
  };
  return (
    <button type="button" className="button button-small demo-link" onClick={open}>
      {demo.label}
    </button>
  );
}

function Measured({ row }: { readonly row: GuideRow }): ReactNode {
  const text = useLab(row.measured);
  return (
    <span className={text ? 'measured' : 'muted'}>
      {text ? (
        <>
          <span className="muted">Measured here:</span> {text}
        </>
      ) : (
        'not run yet'
      )}
    </span>
  );
}

/** Whether the guide can show real CPython beside the Node models, in one sentence. */
function PythonNote(): ReactNode {
  const python = useLab((s) => s.catalog.value?.python);
  if (!python) return null;
  const found = python.interpreters[0];
  return (
    <p className="python-guide-note">
      {found ? (
        <>
          <strong>Real CPython.</strong> {found.label} is here: tick “Add real-CPython rows” in the “10 files”
          and “1000 HTTP requests” lessons and the measurements below show the py-* models too, each over
          py-sequential — the picks, measured in Python itself.
        </>
      ) : (
        <>
          <strong>Real CPython</strong> cannot run here ({python.unavailable ?? 'no interpreter found'}): the
          measurements below are the Node models only.
        </>
      )}
    </p>
  );
}

/** The lesson. */
export function WhichModelLesson(): ReactNode {
  return (
    <LessonFrame
      id="which-model"
      stacked
      intro={
        <>
          <p>
            <strong>The selection guide.</strong> Ask what the work spends its time on: computing, or waiting
            — and, if waiting, for how many things at once. Each row links to the lesson that demonstrates it;
            what this machine measured there appears beside it once you have run it.
          </p>
          <p>
            The picks are the Python story. On this runtime one thing differs: worker threads compute in
            parallel, because JavaScript has no GIL.
          </p>
          <PythonNote />
        </>
      }
    >
      <Panel title="Which model when" className="which-model">
        <div className="table-scroll">
          <table className="results-table guide-table">
            <caption className="visually-hidden">
              Which concurrency model suits which workload, and why
            </caption>
            <thead>
              <tr>
                <th scope="col">Workload</th>
                <th scope="col">Pick</th>
                <th scope="col">Why</th>
              </tr>
            </thead>
            <tbody>
              {GUIDE.map((row) => (
                <tr key={row.workload}>
                  <th scope="row">{row.workload}</th>
                  <td className="guide-pick">{row.pick}</td>
                  <td className="guide-why">
                    <p>{row.why}</p>
                    <p className="guide-demo">
                      <DemoLink demo={row.demo} /> <Measured row={row} />
                    </p>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      </Panel>
    </LessonFrame>
  );
}
