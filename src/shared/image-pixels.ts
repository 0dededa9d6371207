/** The generated images of the image-batch scenario: one pure pixel function, run by workers and drawn by the UI alike. */
import { mix32 } from './hashing';

/** The colour of pixel (x, y) of the image with this seed: gradients, soft circles and grain, like a photo. */
export function pixelRgb(seed: number, size: number, x: number, y: number): [number, number, number] {
  const u = x / size;
  const v = y / size;
  const cx = 0.3 + 0.4 * ((seed % 7) / 7);
  const cy = 0.3 + 0.4 * ((seed % 11) / 11);
  const d = Math.hypot(u - cx, v - cy);
  const ring = d < 0.25 ? 80 * (1 - d / 0.25) : 0;
  const grain = (mix32(seed, x, y) & 31) - 16;
  const r = 60 + 120 * u + ring + grain;
  const g = 40 + 150 * v + ring / 2 + grain;
  const b = 180 - 100 * u * v + grain;
  return [clampByte(r), clampByte(g), clampByte(b)];
}

function clampByte(value: number): number {
  return value < 0 ? 0 : value > 255 ? 255 : Math.round(value);
}

/** ITU-R 601 luma in integer arithmetic. */
export function grayOf(r: number, g: number, b: number): number {
  return (r * 77 + g * 150 + b * 29) >> 8;
}

/** The image of task i of the image-batch scenario has seed IMAGE_SEED_BASE + i. */
export const IMAGE_SEED_BASE = 1000;
