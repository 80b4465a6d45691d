import pino from "pino";
import type { Logger } from "pino";

/**
 * Scrubs secrets from text. The AppSecret and every access_token we receive are registered here,
 * and any `access_token=` query value is masked, so no log line or error message can carry them.
 */
export class Redactor {
  private readonly secrets = new Set<string>();

  add(secret: string): void {
    // very short strings would mask ordinary words; real secrets and tokens are long
    if (secret.length >= 8) this.secrets.add(secret);
  }

  scrub(text: string): string {
    let out = text.replace(/(access_token|secret)=[^&"\s]*/gi, "$1=[REDACTED]");
    for (const secret of this.secrets) {
      if (out.includes(secret)) out = out.split(secret).join("[REDACTED]");
    }
    return out;
  }
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
