/**
 * Thumbnails of the image-batch scenario's images, computed by the page from the same pixel generator
 * the workers process: the original in colour, and its processed look (grayscale, box-blurred).
 */
import { grayOf, pixelRgb } from '../../../shared/image-pixels';

/**
 * RGBA pixels of a square thumbnail, `side` pixels wide: each pixel the average of up to 4 × 4 samples
 * of its cell, as a downscaled photo looks (a single sample per cell would show only the grain).
 */
export function thumbnailPixels(
  seed: number,
  imageSize: number,
  side: number,
): Uint8ClampedArray<ArrayBuffer> {
  const pixels = new Uint8ClampedArray(side * side * 4);
  const step = imageSize / side;
  const samples = Math.max(1, Math.min(4, Math.floor(step)));
  const at = (cell: number, k: number) =>
    Math.min(imageSize - 1, Math.floor((cell + (k + 0.5) / samples) * step));
  for (let y = 0; y < side; y++) {
    for (let x = 0; x < side; x++) {
      let r = 0;
      let g = 0;
      let b = 0;
      for (let j = 0; j < samples; j++) {
        for (let i = 0; i < samples; i++) {
          const [pr, pg, pb] = pixelRgb(seed, imageSize, at(x, i), at(y, j));
          r += pr;
          g += pg;
          b += pb;
        }
      }
      const n = samples * samples;
      const offset = (y * side + x) * 4;
      pixels[offset] = Math.round(r / n);
      pixels[offset + 1] = Math.round(g / n);
      pixels[offset + 2] = Math.round(b / n);
      pixels[offset + 3] = 255;
    }
  }
  return pixels;
}

/** The blur radius in thumbnail pixels that matches `blurRadius` image pixels (0: too small to see). */
export function thumbnailBlurRadius(blurRadius: number, imageSize: number, side: number): number {
  return Math.round((blurRadius * side) / imageSize);
}

/** The processed look of a thumbnail: grayscale (the workers' luma), then a box blur of `radius` pixels. */
export function processedPixels(
  colour: Uint8ClampedArray,
  side: number,
  radius: number,
): Uint8ClampedArray<ArrayBuffer> {
  const gray = new Float64Array(side * side);
  for (let i = 0; i < gray.length; i++)
    gray[i] = grayOf(colour[i * 4]!, colour[i * 4 + 1]!, colour[i * 4 + 2]!);
  const blurred = radius > 0 ? boxBlur(gray, side, radius) : gray;
  const pixels = new Uint8ClampedArray(side * side * 4);
  for (let i = 0; i < blurred.length; i++) {
    const value = Math.round(blurred[i]!);
    pixels[i * 4] = value;
    pixels[i * 4 + 1] = value;
    pixels[i * 4 + 2] = value;
    pixels[i * 4 + 3] = 255;
  }
  return pixels;
}

/** A separable box blur clamped at the edges. */
function boxBlur(values: Float64Array, side: number, radius: number): Float64Array {
  const pass = (input: Float64Array, horizontal: boolean): Float64Array => {
    const output = new Float64Array(input.length);
    for (let row = 0; row < side; row++) {
      for (let col = 0; col < side; col++) {
        let sum = 0;
        for (let k = -radius; k <= radius; k++) {
          const c = Math.min(side - 1, Math.max(0, col + k));
          sum += horizontal ? input[row * side + c]! : input[c * side + row]!;
        }
        output[horizontal ? row * side + col : col * side + row] = sum / (2 * radius + 1);
      }
    }
    return output;
  };
  return pass(pass(values, true), false);
}

/** How big a tile is drawn, in CSS pixels, for a batch of `count` images. */
export function tileSide(count: number): number {
  if (count <= 16) return 56;
  if (count <= 48) return 40;
  if (count <= 160) return 28;
  if (count <= 400) return 18;
  return 12;
}
