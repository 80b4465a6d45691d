/**
 * The operator console under test: a server with the console on, an HTTP client that keeps cookies and
 * reads CSRF tokens the way a browser form would, and Debian's Chromium for the browser tests.
 */
import type { Browser } from "playwright-core";
import { hashPassword } from "../../../server/src/admin/password";
import type { Emulator } from "../../../server/src/emulator/server";
import { launchChromium } from "../../../scripts/lib/gallery-shoot";
import { server } from "../../../server/test-support/harness";
import type { ServerOptions, TestServer } from "../../../server/test-support/harness";
import { startRedis } from "../../../server/test-support/redis";
import type { TestRedis } from "../../../server/test-support/redis";

export const PASSWORD = "console test password 7f3a";

let hash: Promise<string> | undefined;

/**
 * ADMIN_PASSWORD_HASH for PASSWORD at the cheapest cost the console accepts (N·p at OWASP's floor), so
 * the many sign-ins of these tests cost as little as the rules allow.
 */
export function passwordHash(): Promise<string> {
  hash ??= hashPassword(PASSWORD, { logN: 14, r: 8, p: 5 });
  return hash;
}

/** A real server with the console on (and whatever else `options.env` says). */
export async function consoleServer(emu: Emulator, options: ServerOptions = {}): Promise<TestServer> {
  return server(emu, { ...options, env: { ADMIN_PASSWORD_HASH: await passwordHash(), ...options.env } });
}

export interface Answer {
  status: number;
  headers: Headers;
  text: string;
}

/** The first CSRF token in a page's forms. */
export function csrfOf(html: string): string {
  const match = /name="_csrf" value="([^"]+)"/.exec(html);
  if (!match) throw new Error("no CSRF token in the page");
  return match[1];
}

/** A cookie-keeping client for one console, without a browser (no redirects followed). */
export class ConsoleClient {
  readonly cookies = new Map<string, string>();

  constructor(
    readonly base: string,
    private readonly headers: Record<string, string> = {},
  ) {}

  async send(
    method: string,
    path: string,
    options: { form?: Record<string, string>; headers?: Record<string, string> } = {},
  ): Promise<Answer> {
    const headers: Record<string, string> = { ...this.headers, ...options.headers };
    if (this.cookies.size > 0) {
      headers.cookie = [...this.cookies].map(([name, value]) => `${name}=${value}`).join("; ");
    }
    let body: string | undefined;
    if (options.form) {
      headers["content-type"] = "application/x-www-form-urlencoded";
      body = new URLSearchParams(options.form).toString();
    }
    const res = await fetch(this.base + path, { method, headers, body, redirect: "manual" });
    for (const line of res.headers.getSetCookie()) {
      const [pair] = line.split(";");
      const name = pair.slice(0, pair.indexOf("="));
      const value = pair.slice(pair.indexOf("=") + 1);
      if (value === "" || /expires=Thu, 01 Jan 1970/i.test(line)) this.cookies.delete(name);
      else this.cookies.set(name, value);
    }
    return { status: res.status, headers: res.headers, text: await res.text() };
  }

  get(path: string, headers: Record<string, string> = {}): Promise<Answer> {
    return this.send("GET", path, { headers });
  }

  /** Posts a form the way the page's form would: with the page's CSRF token unless `_csrf` is given. */
  async post(path: string, form: Record<string, string>, page = "/admin/login"): Promise<Answer> {
    const token = form._csrf ?? csrfOf((await this.get(page)).text);
    return this.send("POST", path, { form: { _csrf: token, ...form }, headers: { accept: "text/html" } });
  }

  async signIn(password = PASSWORD): Promise<Answer> {
    return this.post("/admin/login", { password });
  }
}

/** Debian's Chromium through playwright-core (as the gallery uses it); fails loudly when missing. */
export function browser(): Promise<Browser> {
  return launchChromium();
}

/** A real redis-server for the tests of the enclosing describe block: started before them, stopped after. */
export function redisForBlock(): () => TestRedis {
  let redis: TestRedis | undefined;
  beforeAll(async () => {
    redis = await startRedis();
  });
  afterAll(async () => {
    await redis?.stop();
  });
  return () => {
    if (!redis) throw new Error("redis-server is not running");
    return redis;
  };
}
