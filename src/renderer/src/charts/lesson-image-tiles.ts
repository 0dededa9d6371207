/**
 * The image-batch lesson's tiles: one small thumbnail per image, in colour until its task settles, then
 * in its processed look (gray, blurred) outlined in the colour of the lane that processed it.
 */
import { IMAGE_SEED_BASE } from '../../../shared/image-pixels';
import type { Lane } from '../../../shared/results';
import { scheduledChart, type StoreChart } from './store-chart';
import { readLessonChartStyle } from './lesson-chart-style';
import { processedPixels, thumbnailBlurRadius, thumbnailPixels, tileSide } from './lesson-image-thumbnails';
import type { ThemeColors } from './theme-colors';

/** What the tiles show. */
export interface ImageTilesInput {
  /** Whose tiles these are, for the canvas's accessible name. */
  readonly label: string;
  readonly total: number;
  /** Per image, the lane that processed it, or -1 before; undefined when the run is too big to say. */
  readonly taskLanes: readonly number[] | undefined;
  readonly imageSize: number;
  readonly blurRadius: number;
  /** The lanes the run reported, to name them. */
  readonly lanes: readonly Lane[] | undefined;
}

/** The tiles in words: how many images are done, and how many each lane did. */
export function describeTiles(input: ImageTilesInput): string {
  const perLane = new Map<number, number>();
  for (const lane of input.taskLanes ?? []) if (lane >= 0) perLane.set(lane, (perLane.get(lane) ?? 0) + 1);
  const done = [...perLane.values()].reduce((a, b) => a + b, 0);
  const name = (lane: number) => input.lanes?.find((l) => l.index === lane)?.label ?? `lane ${lane + 1}`;
  const lanes = [...perLane.entries()]
    .sort(([a], [b]) => a - b)
    .map(([lane, count]) => `${name(lane)} ${count}`)
    .join(', ');
  return `${input.label}: ${done} of ${input.total} images processed${lanes ? ` (${lanes})` : ''}.`;
}

/** Tiles bound to one canvas. */
export type ImageTiles = StoreChart<ImageTilesInput>;

const GAP = 8;

/** Thumbnails by image size, blur, side and image, shared by every model's tiles (the images are the same). */
const thumbnailCache = new Map<string, { colour: ImageData; processed: ImageData }>();
const CACHE_LIMIT = 4096;

function thumbnails(imageSize: number, blurRadius: number, index: number, side: number) {
  const key = `${imageSize}:${blurRadius}:${side}:${index}`;
  let entry = thumbnailCache.get(key);
  if (!entry) {
    if (thumbnailCache.size >= CACHE_LIMIT) thumbnailCache.clear();
    const colour = thumbnailPixels(IMAGE_SEED_BASE + index, imageSize, side);
    const radius = thumbnailBlurRadius(blurRadius, imageSize, side);
    const processed = processedPixels(colour, side, radius);
    entry = { colour: new ImageData(colour, side, side), processed: new ImageData(processed, side, side) };
    thumbnailCache.set(key, entry);
  }
  return entry;
}

/** Creates the tiles on `canvas`; its width follows its parent, its height the number of rows. */
export function createImageTiles(canvas: HTMLCanvasElement, initialColors: ThemeColors): ImageTiles {
  let colors = initialColors;
  let style = readLessonChartStyle();
  let input: ImageTilesInput = {
    label: '',
    total: 0,
    taskLanes: undefined,
    imageSize: 0,
    blurRadius: 0,
    lanes: undefined,
  };
  let described = '';

  function draw(): void {
    const ctx = canvas.getContext('2d');
    if (!ctx || input.total === 0 || input.imageSize === 0) return;
    const ratio = window.devicePixelRatio || 1;
    const width = canvas.parentElement?.clientWidth || canvas.clientWidth || 300;
    const tile = tileSide(input.total);
    const cell = tile + GAP;
    const columns = Math.max(1, Math.floor(width / cell));
    const rows = Math.ceil(input.total / columns);
    const height = rows * cell;
    canvas.style.height = `${height}px`;
    canvas.width = Math.round(width * ratio);
    canvas.height = Math.round(height * ratio);
    ctx.setTransform(1, 0, 0, 1, 0, 0);
    ctx.clearRect(0, 0, canvas.width, canvas.height);
    const side = Math.round(tile * ratio);
    const line = style.lineWidth * 1.5 * ratio;
    for (let i = 0; i < input.total; i++) {
      const x = Math.round(((i % columns) * cell + GAP / 2) * ratio);
      const y = Math.round((Math.floor(i / columns) * cell + GAP / 2) * ratio);
      const lane = input.taskLanes?.[i] ?? -1;
      const { colour, processed } = thumbnails(input.imageSize, input.blurRadius, i, side);
      ctx.putImageData(lane >= 0 ? processed : colour, x, y);
      ctx.lineWidth = lane >= 0 ? line : ratio;
      ctx.strokeStyle = lane >= 0 ? (colors.lane[lane % colors.lane.length] ?? colors.text) : colors.grid;
      ctx.strokeRect(
        x - ctx.lineWidth / 2,
        y - ctx.lineWidth / 2,
        side + ctx.lineWidth,
        side + ctx.lineWidth,
      );
    }
  }

  return scheduledChart<ImageTilesInput>({
    draw,
    takeInput(next) {
      input = next;
      const description = describeTiles(next);
      if (description !== described) canvas.setAttribute('aria-label', (described = description));
    },
    takeColors(next) {
      colors = next;
      style = readLessonChartStyle();
    },
    redrawOnResize: true,
  });
}
