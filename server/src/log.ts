import pino from "pino";
import type { Logger } from "pino";

/** The shortest run of a secret's characters that is masked wherever it appears. */
export const MIN_SECRET_SLICE = 8;
/** Rotating secrets (access tokens, one every ~2 h) kept for masking: the current one and recent ones. */
const ROTATING_KEPT = 16;

/** ASCII-only lower case: keeps every index in place (full Unicode lower-casing can change lengths). */
const asciiLower = (text: string): string => text.replace(/[A-Z]/g, (c) => c.toLowerCase());

/**
 * Scrubs secrets from text. The AppSecret, the metrics token and every access_token we receive are
 * registered here, and any `access_token=` or `secret=` query value is masked, so no log line or error
 * message can carry them. Partial and case-changed copies are masked too: any run of at least
 * MIN_SECRET_SLICE characters that occurs, ignoring ASCII case, inside a registered secret. Shorter
 * runs are left alone: they would mask ordinary words.
 */
export class Redactor {
  private readonly permanent: string[] = [];
  private readonly rotating: string[] = [];
  /** Every MIN_SECRET_SLICE-character slice of every registered secret, lower-cased. */
  private slices = new Set<string>();

  /** A secret for the life of the process (AppSecret, metrics token). */
  add(secret: string): void {
    this.register(secret, this.permanent);
  }

  /** A secret that is replaced over time (access tokens): only the most recent ones are kept. */
  addRotating(secret: string): void {
    this.register(secret, this.rotating);
    if (this.rotating.length > ROTATING_KEPT) {
      this.rotating.shift();
      this.slices = new Set([...this.permanent, ...this.rotating].flatMap(slicesOf));
    }
  }

  private register(secret: string, list: string[]): void {
    // very short strings would mask ordinary words; real secrets and tokens are long
    const lower = asciiLower(secret);
    if (lower.length < MIN_SECRET_SLICE || list.includes(lower)) return;
    list.push(lower);
    for (const slice of slicesOf(lower)) this.slices.add(slice);
  }

  scrub(text: string): string {
    const out = text.replace(/(access_token|secret)=[^&"\s]*/gi, "$1=[REDACTED]");
    if (this.slices.size === 0) return out;
    const lower = asciiLower(out);
    // merge the windows that match into runs, then mask each run once
    const runs: [number, number][] = [];
    for (let i = 0; i + MIN_SECRET_SLICE <= lower.length; i++) {
      if (!this.slices.has(lower.slice(i, i + MIN_SECRET_SLICE))) continue;
      const last = runs[runs.length - 1];
      if (last && i <= last[1]) last[1] = i + MIN_SECRET_SLICE;
      else runs.push([i, i + MIN_SECRET_SLICE]);
    }
    if (runs.length === 0) return out;
    let masked = "";
    let from = 0;
    for (const [start, end] of runs) {
      masked += `${out.slice(from, start)}[REDACTED]`;
      from = end;
    }
    return masked + out.slice(from);
  }
}

function slicesOf(secret: string): string[] {
  const slices: string[] = [];
  for (let i = 0; i + MIN_SECRET_SLICE <= secret.length; i++)
    slices.push(secret.slice(i, i + MIN_SECRET_SLICE));
  return slices;
}

export interface LoggerOptions {
  level: string;
  redactor: Redactor;
  /** Where lines go; tests pass a capturing stream. Defaults to stdout. */
  stream?: NodeJS.WritableStream;
}

export function createLogger({ level, redactor, stream }: LoggerOptions): Logger {
  return pino(
    {
      level,
      // field-based redaction first; the streamWrite hook is the net for anything else
      redact: {
        paths: [
          "secret",
          "appSecret",
          "access_token",
          "accessToken",
          "*.secret",
          "*.appSecret",
          "*.access_token",
          "*.accessToken",
          "req.headers.authorization",
          "req.headers.cookie",
        ],
        censor: "[REDACTED]",
      },
      hooks: { streamWrite: (line) => redactor.scrub(line) },
    },
    stream ?? process.stdout,
  );
}
