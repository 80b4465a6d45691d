/**
 * Small PNGs for the gallery: a screenshot of flat UI fits a 256-colour palette (median cut over a
 * 15-bit histogram) with no visible loss, and an indexed PNG is a third of an RGB one. Opaque input only.
 */
import * as zlib from "zlib";
import { PNG } from "pngjs";

const MAX_COLOURS = 256;

const CRC_TABLE = (() => {
  const table = new Uint32Array(256);
  for (let n = 0; n < 256; n += 1) {
    let c = n;
    for (let k = 0; k < 8; k += 1) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
    table[n] = c >>> 0;
  }
  return table;
})();

function crc32(bytes: Buffer): number {
  let c = 0xffffffff;
  for (const b of bytes) c = CRC_TABLE[(c ^ b) & 0xff] ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
}

function chunk(type: string, data: Buffer): Buffer {
  const head = Buffer.alloc(8);
  head.writeUInt32BE(data.length, 0);
  head.write(type, 4, "ascii");
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(Buffer.concat([head.subarray(4), data])), 0);
  return Buffer.concat([head, data, crc]);
}

/** One histogram cell: a 5-5-5 bit colour with its pixel count and channel sums. */
interface Cell {
  key: number;
  count: number;
  r: number;
  g: number;
  b: number;
}

type Box = Cell[];

function channel(cell: Cell, c: 0 | 1 | 2): number {
  return c === 0 ? cell.key >> 10 : c === 1 ? (cell.key >> 5) & 31 : cell.key & 31;
}

function widest(box: Box): { c: 0 | 1 | 2; range: number } {
  let best: { c: 0 | 1 | 2; range: number } = { c: 0, range: -1 };
  for (const c of [0, 1, 2] as const) {
    let lo = 31;
    let hi = 0;
    for (const cell of box) {
      const v = channel(cell, c);
      if (v < lo) lo = v;
      if (v > hi) hi = v;
    }
    if (hi - lo > best.range) best = { c, range: hi - lo };
  }
  return best;
}

/** Median cut: split the box with the most pixels × spread until there are `max` boxes. */
function medianCut(cells: Cell[], max: number): Box[] {
  const boxes: Box[] = [cells];
  while (boxes.length < max) {
    let pick = -1;
    let score = 0;
    boxes.forEach((box, i) => {
      if (box.length < 2) return;
      const s = widest(box).range * box.reduce((n, cell) => n + cell.count, 0);
      if (s > score) {
        score = s;
        pick = i;
      }
    });
    if (pick < 0) break;
    const box = boxes[pick];
    const { c } = widest(box);
    box.sort((x, y) => channel(x, c) - channel(y, c));
    const total = box.reduce((n, cell) => n + cell.count, 0);
    let seen = 0;
    let at = 1;
    for (; at < box.length - 1; at += 1) {
      seen += box[at - 1].count;
      if (seen >= total / 2) break;
    }
    boxes.splice(pick, 1, box.slice(0, at), box.slice(at));
  }
  return boxes;
}

/** Re-encodes an opaque screenshot PNG as an indexed (≤256 colours) PNG at deflate level 9. */
export function toIndexedPng(input: Buffer): Buffer {
  const { width, height, data } = PNG.sync.read(input);
  const pixels = width * height;
  const exact = new Map<number, number>();
  for (let i = 0; i < pixels && exact.size <= MAX_COLOURS; i += 1) {
    const rgb = (data[i * 4] << 16) | (data[i * 4 + 1] << 8) | data[i * 4 + 2];
    if (!exact.has(rgb)) exact.set(rgb, exact.size);
  }

  const palette: number[] = [];
  const indexOf = new Map<number, number>();
  let lookup: (r: number, g: number, b: number) => number;
  if (exact.size <= MAX_COLOURS) {
    for (const rgb of exact.keys()) palette.push(rgb);
    lookup = (r, g, b) => exact.get((r << 16) | (g << 8) | b) ?? 0;
  } else {
    const cells = new Map<number, Cell>();
    for (let i = 0; i < pixels; i += 1) {
      const r = data[i * 4];
      const g = data[i * 4 + 1];
      const b = data[i * 4 + 2];
      const key = ((r >> 3) << 10) | ((g >> 3) << 5) | (b >> 3);
      const cell = cells.get(key) ?? { key, count: 0, r: 0, g: 0, b: 0 };
      cell.count += 1;
      cell.r += r;
      cell.g += g;
      cell.b += b;
      cells.set(key, cell);
    }
    for (const box of medianCut([...cells.values()], MAX_COLOURS)) {
      const n = box.reduce((s, cell) => s + cell.count, 0);
      const avg = (pick: (cell: Cell) => number) =>
        Math.round(box.reduce((s, cell) => s + pick(cell), 0) / n);
      const index = palette.length;
      palette.push((avg((c) => c.r) << 16) | (avg((c) => c.g) << 8) | avg((c) => c.b));
      for (const cell of box) indexOf.set(cell.key, index);
    }
    // Colours that are in the palette exactly (backgrounds, text) keep their exact value.
    const exactIndex = new Map(palette.map((rgb, i) => [rgb, i]));
    lookup = (r, g, b) =>
      exactIndex.get((r << 16) | (g << 8) | b) ??
      indexOf.get(((r >> 3) << 10) | ((g >> 3) << 5) | (b >> 3)) ??
      0;
  }

  const rows = Buffer.alloc((width + 1) * height);
  for (let y = 0; y < height; y += 1) {
    rows[y * (width + 1)] = 0; // filter: none (best for indexed images)
    for (let x = 0; x < width; x += 1) {
      const i = (y * width + x) * 4;
      rows[y * (width + 1) + 1 + x] = lookup(data[i], data[i + 1], data[i + 2]);
    }
  }
  const header = Buffer.alloc(13);
  header.writeUInt32BE(width, 0);
  header.writeUInt32BE(height, 4);
  header.writeUInt8(8, 8); // bit depth
  header.writeUInt8(3, 9); // colour type: indexed
  const plte = Buffer.alloc(palette.length * 3);
  palette.forEach((rgb, i) => {
    plte[i * 3] = rgb >> 16;
    plte[i * 3 + 1] = (rgb >> 8) & 255;
    plte[i * 3 + 2] = rgb & 255;
  });
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk("IHDR", header),
    chunk("PLTE", plte),
    chunk("IDAT", zlib.deflateSync(rows, { level: 9 })),
    chunk("IEND", Buffer.alloc(0)),
  ]);
}
