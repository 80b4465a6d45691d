import { createHash } from "node:crypto";
import { PNG } from "pngjs";

const cache = new Map<string, Buffer>();

/** A solid-colour PNG whose colour follows from `seed`, so every room and goods image differs. */
export function placeholderPng(seed: string, width: number, height: number): Buffer {
  const key = `${seed} ${width}x${height}`;
  const hit = cache.get(key);
  if (hit) return hit;
  const [r, g, b] = createHash("sha1").update(seed).digest();
  const png = new PNG({ width, height });
  for (let i = 0; i < width * height; i++) {
    // pastel shades read well behind white text
    png.data[i * 4] = 128 + (r >> 1);
    png.data[i * 4 + 1] = 128 + (g >> 1);
    png.data[i * 4 + 2] = 128 + (b >> 1);
    png.data[i * 4 + 3] = 255;
  }
  const buffer = PNG.sync.write(png);
  if (cache.size > 500) cache.clear();
  cache.set(key, buffer);
  return buffer;
}
