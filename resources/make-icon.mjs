// Draws the app icon (resources/icon.png, 512×512, and resources/icon.svg): five model lanes of busy
// bars on a dark rounded square. Dependency-free: a tiny rasteriser and PNG encoder over
// node:zlib. Run with `node resources/make-icon.mjs` after changing the design.
import { writeFileSync } from 'node:fs';
import { Buffer } from 'node:buffer';
import process from 'node:process';
import { URL } from 'node:url';
import { deflateSync } from 'node:zlib';

const SIZE = 512;

/** Lanes, top to bottom: one per model, each with its colour and busy intervals [start, end] in 0..1. */
const LANES = [
  { color: [0x8b, 0x95, 0xa7], bars: [[0, 0.92]] }, // sequential: one long stretch
  {
    color: [0x4f, 0x8c, 0xff],
    bars: [
      [0, 0.28],
      [0.34, 0.55],
      [0.61, 0.74],
    ],
  }, // async: interleaved
  {
    color: [0x22, 0xc5, 0x5e],
    bars: [
      [0, 0.42],
      [0.48, 0.66],
    ],
  }, // threads: parallel and short
  {
    color: [0xf5, 0x9e, 0x0b],
    bars: [
      [0, 0.17],
      [0.2, 0.37],
      [0.4, 0.57],
      [0.6, 0.77],
      [0.8, 0.96],
    ],
  }, // gil-threads: sliced, no faster
  {
    color: [0xa8, 0x55, 0xf7],
    bars: [
      [0.08, 0.5],
      [0.56, 0.7],
    ],
  }, // processes: start-up cost, then fast
];

// Geometry, in pixels.
const TILE = { x: 16, y: 16, w: 480, h: 480, r: 104 };
const LANE_X = 84;
const LANE_W = 344;
const LANE_H = 46;
const LANE_GAP = 22;
const LANE_TOP = (SIZE - (LANES.length * LANE_H + (LANES.length - 1) * LANE_GAP)) / 2;

/** Signed distance from (px, py) to a rounded rectangle: negative inside. */
function roundedRectDistance(px, py, { x, y, w, h, r: radius }) {
  const r = Math.min(radius, w / 2, h / 2);
  const cx = x + w / 2;
  const cy = y + h / 2;
  const qx = Math.abs(px - cx) - (w / 2 - r);
  const qy = Math.abs(py - cy) - (h / 2 - r);
  const outside = Math.hypot(Math.max(qx, 0), Math.max(qy, 0));
  return outside + Math.min(Math.max(qx, qy), 0) - r;
}

/** Every shape to paint, back to front: { rect, color: [r,g,b], alpha }. */
function shapes() {
  const list = [{ rect: TILE, color: [0x14, 0x18, 0x22], alpha: 1 }];
  LANES.forEach((lane, i) => {
    const y = LANE_TOP + i * (LANE_H + LANE_GAP);
    list.push({
      rect: { x: LANE_X, y, w: LANE_W, h: LANE_H, r: LANE_H / 2 },
      color: [0x25, 0x2c, 0x3a],
      alpha: 1,
    });
    for (const [start, end] of lane.bars) {
      const x = LANE_X + start * LANE_W;
      const w = (end - start) * LANE_W;
      list.push({ rect: { x, y, w, h: LANE_H, r: LANE_H / 2 }, color: lane.color, alpha: 1 });
    }
  });
  return list;
}

/** Straight-alpha RGBA pixels of the icon. */
function render() {
  const pixels = new Uint8Array(SIZE * SIZE * 4);
  const layers = shapes();
  for (let py = 0; py < SIZE; py++) {
    for (let px = 0; px < SIZE; px++) {
      let r = 0;
      let g = 0;
      let b = 0;
      let a = 0;
      for (const { rect, color, alpha } of layers) {
        // One pixel of anti-aliasing at the pixel centre.
        const coverage =
          Math.min(Math.max(0.5 - roundedRectDistance(px + 0.5, py + 0.5, rect), 0), 1) * alpha;
        if (coverage === 0) continue;
        const outA = coverage + a * (1 - coverage);
        r = (color[0] * coverage + r * a * (1 - coverage)) / outA;
        g = (color[1] * coverage + g * a * (1 - coverage)) / outA;
        b = (color[2] * coverage + b * a * (1 - coverage)) / outA;
        a = outA;
      }
      const o = (py * SIZE + px) * 4;
      pixels[o] = Math.round(r);
      pixels[o + 1] = Math.round(g);
      pixels[o + 2] = Math.round(b);
      pixels[o + 3] = Math.round(a * 255);
    }
  }
  return pixels;
}

const CRC_TABLE = Array.from({ length: 256 }, (_, n) => {
  let c = n;
  for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
  return c >>> 0;
});

function crc32(bytes) {
  let c = 0xffffffff;
  for (const byte of bytes) c = CRC_TABLE[(c ^ byte) & 0xff] ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
}

function chunk(type, data) {
  const length = Buffer.alloc(4);
  length.writeUInt32BE(data.length);
  const typeAndData = Buffer.concat([Buffer.from(type, 'ascii'), data]);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(typeAndData));
  return Buffer.concat([length, typeAndData, crc]);
}

/** A PNG file: 8-bit RGBA, no interlace, filter type 0 on every row. */
function encodePng(width, height, rgba) {
  const header = Buffer.alloc(13);
  header.writeUInt32BE(width, 0);
  header.writeUInt32BE(height, 4);
  header[8] = 8; // bit depth
  header[9] = 6; // colour type: RGBA
  header[10] = 0; // compression
  header[11] = 0; // filter method
  header[12] = 0; // no interlace
  const rows = Buffer.alloc((width * 4 + 1) * height);
  for (let y = 0; y < height; y++) {
    rows[y * (width * 4 + 1)] = 0;
    Buffer.from(rgba.buffer, y * width * 4, width * 4).copy(rows, y * (width * 4 + 1) + 1);
  }
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk('IHDR', header),
    chunk('IDAT', deflateSync(rows, { level: 9 })),
    chunk('IEND', Buffer.alloc(0)),
  ]);
}

/** The same shapes as SVG, for places that scale the icon. */
function renderSvg() {
  const hex = (color) => `#${color.map((c) => c.toString(16).padStart(2, '0')).join('')}`;
  const round = (n) => Math.round(n * 100) / 100;
  const rects = shapes().map(({ rect: { x, y, w, h, r }, color }) => {
    const radius = round(Math.min(r, w / 2, h / 2));
    return `  <rect x="${round(x)}" y="${round(y)}" width="${round(w)}" height="${round(h)}" rx="${radius}" fill="${hex(color)}"/>`;
  });
  return [
    `<svg xmlns="http://www.w3.org/2000/svg" width="${SIZE}" height="${SIZE}" viewBox="0 0 ${SIZE} ${SIZE}">`,
    '  <title>Concurrency Lab</title>',
    ...rects,
    '</svg>',
    '',
  ].join('\n');
}

const png = encodePng(SIZE, SIZE, render());
writeFileSync(new URL('./icon.png', import.meta.url), png);
writeFileSync(new URL('./icon.svg', import.meta.url), renderSvg());
process.stdout.write(`wrote resources/icon.png (${png.length} bytes) and resources/icon.svg\n`);
