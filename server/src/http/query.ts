import { badRequest } from "./errors";

export interface IntParam {
  min: number;
  max: number;
  default: number;
}

const DIGITS = /^\d{1,10}$/;

/**
 * Strict query parsing: every parameter must be known, given once, and a plain non-negative integer
 * in range. Anything else is a 400 rather than a silent default.
 */
export function parseIntQuery<K extends string>(
  query: unknown,
  spec: Record<K, IntParam>,
): Record<K, number> {
  const given = (query ?? {}) as Record<string, unknown>;
  for (const name of Object.keys(given)) {
    // own keys only: `in` would also find "constructor", "__proto__", "toString" on every object
    if (!Object.hasOwn(spec, name)) throw badRequest(`unknown parameter "${name}"`);
  }
  const out = {} as Record<K, number>;
  for (const name of Object.keys(spec) as K[]) {
    const { min, max } = spec[name];
    const raw = given[name];
    if (raw === undefined) {
      out[name] = spec[name].default;
      continue;
    }
    if (typeof raw !== "string") throw badRequest(`"${name}" must be given once`);
    if (!DIGITS.test(raw)) throw badRequest(`"${name}" must be an integer from ${min} to ${max}`);
    const value = Number(raw);
    if (value < min || value > max) throw badRequest(`"${name}" must be an integer from ${min} to ${max}`);
    out[name] = value;
  }
  return out;
}

/** A path id (room or goods): a positive integer. */
export function parseId(raw: string, what: string): number {
  if (!/^[1-9]\d{0,9}$/.test(raw) || Number(raw) > 2_147_483_647) {
    throw badRequest(`${what} must be a positive integer`);
  }
  return Number(raw);
}
