/**
 * Parsing of page query values. Nothing here throws: garbage becomes null and the page shows a
 * helpful state instead of crashing or polling on NaN.
 */
import type { CustomParams } from "./custom-params";

/** Anything longer is not a value we produced; refuse it before decoding and parsing. */
const MAX_RAW_LENGTH = 4096;
const MAX_DECODE_ROUNDS = 3;

/** decodeURIComponent that returns null on malformed input (e.g. "%E0%A4%A"). */
export function safeDecode(value: string): string | null {
  try {
    return decodeURIComponent(value);
  } catch {
    return null;
  }
}

/** A positive safe integer from a query value (string or number), else null. */
export function parseRoomId(raw: unknown): number | null {
  let text: string;
  if (typeof raw === "number") text = String(raw);
  else if (typeof raw === "string") text = raw.trim();
  else return null;
  if (!/^[1-9]\d{0,15}$/.test(text)) return null;
  const value = Number(text);
  return Number.isSafeInteger(value) ? value : null;
}

function isPlainObject(value: unknown): value is CustomParams {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

function tryJsonObject(text: string): CustomParams | null {
  if (!text.startsWith("{")) return null;
  try {
    const parsed: unknown = JSON.parse(text);
    return isPlainObject(parsed) ? parsed : null;
  } catch {
    return null;
  }
}

/**
 * `custom_params` as an object. It may arrive encoded twice (the plugin appends our already-encoded
 * value to an encoded URL), once, not at all, already parsed (getShareParams), or broken.
 */
export function parseCustomParams(raw: unknown): CustomParams | null {
  if (isPlainObject(raw)) return raw;
  if (typeof raw !== "string") return null;
  let text = raw.trim();
  if (text === "" || text.length > MAX_RAW_LENGTH) return null;
  for (let round = 0; round <= MAX_DECODE_ROUNDS; round += 1) {
    const parsed = tryJsonObject(text);
    if (parsed) return parsed;
    const decoded = safeDecode(text);
    if (decoded === null || decoded === text) return null;
    text = decoded.trim();
  }
  return null;
}

/** The live page's entry `type`: 9 (QR code), 10 (article card), else null. */
export function parseEntryType(raw: unknown): 9 | 10 | null {
  const text = typeof raw === "number" ? String(raw) : typeof raw === "string" ? raw.trim() : "";
  if (text === "9") return 9;
  if (text === "10") return 10;
  return null;
}
