/**
 * The operator password, kept only as a scrypt hash (Node's own crypto: no native add-on for
 * `npm ci --omit=dev` to build, unlike argon2). The hash is one line,
 *
 *   scrypt:ln=17,r=8,p=1:<salt>:<key>        (salt and key in base64url)
 *
 * written without `$` so a .env file, compose's variable interpolation and systemd's EnvironmentFile
 * all take it as it is. Cost parameters and their floor: docs/console.md ("The password").
 */
import { randomBytes, randomInt, scrypt, timingSafeEqual } from "node:crypto";

export interface PasswordHash {
  /** log2 of scrypt's N (CPU and memory cost). */
  logN: number;
  r: number;
  p: number;
  salt: Buffer;
  key: Buffer;
}

/** What `npm run admin:hash` uses: N = 2^17, r = 8, p = 1 (128 MiB, OWASP's first choice). */
export const HASH_PARAMS = { logN: 17, r: 8, p: 1 } as const;
const SALT_BYTES = 16;
const KEY_BYTES = 32;
/** OWASP's weakest listed scrypt setting (N = 2^13 with p = 10) costs N·p = 81,920; less is weak. */
const MIN_WORK = 81_920;
/** A verification may take at most this much memory (128·N·r bytes), so a hash cannot exhaust the host. */
const MAX_MEMORY = 256 * 1024 * 1024;
/** Shortest password `admin:hash` accepts. */
export const MIN_PASSWORD_LENGTH = 12;

/** Why a value cannot be the operator password hash: one line, never the value itself. */
export class PasswordHashError extends Error {
  override name = "PasswordHashError";
}

const memoryOf = (logN: number, r: number): number => 128 * 2 ** logN * r;

function decode(part: string, what: string): Buffer {
  if (!/^[A-Za-z0-9_-]+$/.test(part)) throw new PasswordHashError(`its ${what} is not base64url`);
  return Buffer.from(part, "base64url");
}

/** Reads and checks a hash; a plain password, a foreign format or weak parameters are refused. */
export function parsePasswordHash(text: string): PasswordHash {
  const parts = text.trim().split(":");
  if (parts[0] !== "scrypt" || parts.length !== 4) {
    throw new PasswordHashError(
      "is not a hash made by `npm run admin:hash` (scrypt:ln=…); a plain password is never accepted",
    );
  }
  const params = /^ln=(\d{1,2}),r=(\d{1,2}),p=(\d{1,2})$/.exec(parts[1]);
  if (!params) throw new PasswordHashError("has unreadable parameters (expected ln=…,r=…,p=…)");
  const [logN, r, p] = params.slice(1).map(Number);
  const salt = decode(parts[2], "salt");
  const key = decode(parts[3], "key");
  if (r < 1 || p < 1 || logN < 1 || 2 ** logN * p < MIN_WORK) {
    throw new PasswordHashError(
      `is too cheap to compute (ln=${logN}, p=${p}); make a new one with npm run admin:hash`,
    );
  }
  if (memoryOf(logN, r) > MAX_MEMORY) {
    throw new PasswordHashError(
      `would need more than ${MAX_MEMORY / 2 ** 20} MiB per sign-in (ln=${logN}, r=${r})`,
    );
  }
  if (salt.length < SALT_BYTES || key.length < KEY_BYTES) {
    throw new PasswordHashError(`needs a salt of ${SALT_BYTES}+ bytes and a key of ${KEY_BYTES}+ bytes`);
  }
  return { logN, r, p, salt, key };
}

function derive(
  password: string,
  salt: Buffer,
  length: number,
  logN: number,
  r: number,
  p: number,
): Promise<Buffer> {
  return new Promise((resolve, reject) =>
    scrypt(
      password.normalize("NFKC"),
      salt,
      length,
      { N: 2 ** logN, r, p, maxmem: MAX_MEMORY + 2 ** 20 },
      (err, key) => (err ? reject(err) : resolve(key)),
    ),
  );
}

/** A new hash of `password` (random salt). */
export async function hashPassword(
  password: string,
  params: { logN: number; r: number; p: number } = HASH_PARAMS,
): Promise<string> {
  const salt = randomBytes(SALT_BYTES);
  const key = await derive(password, salt, KEY_BYTES, params.logN, params.r, params.p);
  return `scrypt:ln=${params.logN},r=${params.r},p=${params.p}:${salt.toString("base64url")}:${key.toString("base64url")}`;
}

/** True when `password` matches; compared in constant time. */
export async function verifyPassword(password: string, hash: PasswordHash): Promise<boolean> {
  const key = await derive(password, hash.salt, hash.key.length, hash.logN, hash.r, hash.p);
  return timingSafeEqual(key, hash.key);
}

/**
 * Why a password is too weak to become the operator password, or undefined. Length matters most;
 * a long run of one character or a plain digit string adds nothing.
 */
export function passwordProblem(password: string): string | undefined {
  const chars = [...password.normalize("NFKC")];
  if (chars.length < MIN_PASSWORD_LENGTH) return `use at least ${MIN_PASSWORD_LENGTH} characters`;
  if (new Set(chars).size < 5) return "use more than a few different characters";
  if (/^\d+$/.test(password)) return "use letters too, not only digits";
  return undefined;
}

const DEMO_ALPHABET = "abcdefghjkmnpqrstuvwxyz23456789"; // no 0/o, 1/l/i to misread

/** A one-time password for demo mode: 4 groups of 4 from 31 symbols (≈ 79 bits), easy to type. */
export function demoPassword(): string {
  const chars = Array.from({ length: 16 }, () => DEMO_ALPHABET[randomInt(DEMO_ALPHABET.length)]);
  return [0, 4, 8, 12].map((i) => chars.slice(i, i + 4).join("")).join("-");
}
