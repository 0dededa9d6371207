/** Why each model wins or loses the "10 files" race: each model's measured time in both variants, and the mechanism. */
import type { ReactNode } from 'react';
import type { RunView } from '../../../../shared/views';
import type { ModelId } from '../../../../shared/models';
import { formatDuration, formatSpeedup } from '../../../../shared/format';
import { busyMachine } from '../../../../shared/machine-load';
import { CLASSIC_MODELS, type TenFilesVariant } from '../../store/lessons-slice-forms';
import { selectLastRun } from '../../store/run-slice';
import { useLab } from '../../store/store-context';
import { ModelSwatch } from '../../ui/model-swatch';
import { Panel } from '../../ui/panel';

/** The mechanism behind each model's time, per variant: how it waits or computes, never a promised number. */
const WHY: Readonly<Record<TenFilesVariant, Readonly<Partial<Record<ModelId, string>>>>> = {
  io: {
    sequential: 'Waits for one file, then the next: the waits add up.',
    async:
      'One thread’s event loop starts every wait and handles each as it completes: the waits overlap (asyncio.gather).',
    threads:
      'Each pool thread waits on one file at a time; different threads’ waits overlap, as many as there are threads. A waiting Python thread lets go of the GIL, so this works in CPython too.',
    processes:
      'Waits overlap too, one per process — but there are only as many processes as cores, and each must start first.',
  },
  cpu: {
    sequential: 'Counts one file after another on one core.',
    async:
      'Still one thread: a coroutine that computes never awaits, so nothing overlaps; async only interleaves tasks.',
    threads:
      'JavaScript has no GIL: every worker thread computes on its own core. In CPython the GIL would let one thread compute at a time (see the GIL lesson).',
    processes:
      'Each process has its own interpreter and core: multiprocessing’s answer to the GIL, paid for in start-up and in copying inputs and results.',
  },
};

function measured(view: RunView | undefined, model: ModelId): string {
  const result = view?.run.results.find((r) => r.model === model);
  if (!result) return 'not run';
  if (result.state !== 'done') return result.state;
  const busy = view && busyMachine(view.run.load) ? ' (busy machine)' : '';
  return `${formatDuration(result.wallMs)} · ${formatSpeedup(result.speedup)}${busy}`;
}

/** The table: Model | I/O (waiting) | CPU (computing) | Why (for the variant on screen). */
export function TenFilesWhy({ variant }: { readonly variant: TenFilesVariant }): ReactNode {
  // Each variant's last run, of this session or restored from the history after a reload.
  const io = useLab((s) => selectLastRun(s, 'ten-files-io'));
  const cpu = useLab((s) => selectLastRun(s, 'ten-files-cpu'));
  return (
    <Panel title="Why each model wins or loses" className="ten-files-why">
      <div className="table-scroll">
        <table className="results-table why-table">
          <caption className="visually-hidden">
            Each model’s total time and speedup over sequential in both variants, and why
          </caption>
          <thead>
            <tr>
              <th scope="col">Model</th>
              <th scope="col" className="num">
                I/O (waiting)
              </th>
              <th scope="col" className="num">
                CPU (computing)
              </th>
              <th scope="col">Why, when {variant === 'io' ? 'waiting' : 'computing'}</th>
            </tr>
          </thead>
          <tbody>
            {CLASSIC_MODELS.map((model) => (
              <tr key={model}>
                <th scope="row">
                  <span className="model-cell">
                    <ModelSwatch model={model} />
                    {model}
                  </span>
                </th>
                <td className={`num${variant === 'io' ? ' why-current' : ''}`}>{measured(io, model)}</td>
                <td className={`num${variant === 'cpu' ? ' why-current' : ''}`}>{measured(cpu, model)}</td>
                <td className="why-text">{WHY[variant][model]}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      <p className="hint">
        Times are total time · speedup over sequential, from this machine’s last run of each variant. Run both
        variants to compare them side by side.
      </p>
    </Panel>
  );
}
