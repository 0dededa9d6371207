/** The image batch, visibly processed: per model, one tile per image, outlined in the colour of its lane. */
import { useCallback, useRef, type ReactNode } from 'react';
import type { ModelId } from '../../../../shared/models';
import { TASK_LANES_LIMIT } from '../../../../shared/results';
import { createImageTiles, type ImageTilesInput } from '../../charts/lesson-image-tiles';
import type { LabState } from '../../store/lab-store';
import { selectFormRunParams } from '../../store/lessons-slice';
import { selectRunOnScreen } from '../../store/run-slice';
import { useLab } from '../../store/store-context';
import { ModelSwatch } from '../../ui/model-swatch';
import { Panel } from '../../ui/panel';
import { shallow } from 'zustand/shallow';
import { useStoreChart } from '../../charts/use-store-chart';

/** The lanes' labels, joined: a string, so the legend re-renders only when the lanes change. */
function selectLaneLabels(s: LabState, model: ModelId): string {
  return (selectRunOnScreen(s, 'image-batch').snapshots[model]?.lanes ?? [])
    .map((lane) => `${lane.index}:${lane.label}`)
    .join('\n');
}

function LaneLegend({ model }: { readonly model: ModelId }): ReactNode {
  const labels = useLab((s) => selectLaneLabels(s, model));
  if (!labels) return null;
  return (
    <ul className="tile-legend" aria-label={`Lanes of ${model}`}>
      {labels.split('\n').map((entry) => {
        const [index, label] = entry.split(/:(.*)/s) as [string, string];
        return (
          <li key={index}>
            <span className={`swatch lesson-lane-${Number(index) % 8}`} aria-hidden="true" />
            {label}
          </li>
        );
      })}
    </ul>
  );
}

function ModelTiles({ model }: { readonly model: ModelId }): ReactNode {
  const canvasRef = useRef<HTMLCanvasElement>(null);
  const select = useCallback(
    (s: LabState): ImageTilesInput => {
      const snapshot = selectRunOnScreen(s, 'image-batch').snapshots[model];
      const params = selectFormRunParams(s, 'image-batch');
      return {
        label: model,
        total: snapshot?.total ?? params?.['tasks'] ?? 0,
        taskLanes: snapshot?.taskLanes,
        imageSize: params?.['imageSize'] ?? 0,
        blurRadius: params?.['blurRadius'] ?? 0,
        lanes: snapshot?.lanes,
      };
    },
    [model],
  );
  useStoreChart(canvasRef, createImageTiles, select, shallow);
  return (
    <figure className="tiles">
      <figcaption className="tiles-caption">
        <ModelSwatch model={model} /> {model}
      </figcaption>
      <div className="tiles-box">
        <canvas ref={canvasRef} role="img" aria-label={`${model}: no images yet.`} />
      </div>
      <LaneLegend model={model} />
    </figure>
  );
}

/** The tiles panel of the run on screen. */
export function ImageTilesPanel(): ReactNode {
  const models = useLab((s) => selectRunOnScreen(s, 'image-batch').models);
  const tooMany = useLab((s) => (selectFormRunParams(s, 'image-batch')?.['tasks'] ?? 0) > TASK_LANES_LIMIT);
  return (
    <Panel title="Images" enlargeable aside={<span className="muted">one tile per image</span>}>
      <p className="hint tiles-note">
        The tiles are drawn by this page from the same pixel generator the workers process (image i has seed
        1000 + i). When its task settles, a tile takes its processed look — gray, and blurred where the blur
        is big enough to show at tile size; its outline’s colour — the lane that processed it — comes from the
        measurement.
      </p>
      {tooMany && (
        <p className="hint">
          Over {TASK_LANES_LIMIT.toLocaleString('en-US')} images the run does not report which lane did each
          one: the tiles stay in colour.
        </p>
      )}
      <div className="tiles-grid">
        {models.map((model) => (
          <ModelTiles key={model} model={model} />
        ))}
      </div>
    </Panel>
  );
}
