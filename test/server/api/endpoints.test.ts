/**
 * The route schemas are the contract: every route the server registers has one (responses for all, and
 * for the API a query that refuses unknown parameters), the OpenAPI document generated from them is valid
 * OpenAPI 3, and the browsable page works without the internet.
 */
import { execFile } from "node:child_process";
import path from "node:path";
import type { Emulator } from "../../../server/src/emulator/server";
import { emulator, get, removeTempDirs, server } from "../../../server/test-support/harness";
import type { TestServer } from "../../../server/test-support/harness";

const ROOT = path.resolve(__dirname, "../../..");

let emu: Emulator;
let srv: TestServer;

beforeAll(async () => {
  emu = await emulator();
  srv = await server(emu, { env: { API_DOCS: "on" } });
});

afterAll(async () => {
  await srv.close();
  await emu.close();
  removeTempDirs();
});

/** Validates an OpenAPI document with @seriousme/openapi-schema-validator (an ES module: its own node). */
function validateOpenApi(document: string): Promise<{ valid: boolean; errors?: unknown }> {
  const script = [
    "import { Validator } from '@seriousme/openapi-schema-validator';",
    "let text = ''; for await (const chunk of process.stdin) text += chunk;",
    "const result = await new Validator().validate(JSON.parse(text));",
    "process.stdout.write(JSON.stringify(result));",
  ].join("\n");
  return new Promise((resolve, reject) => {
    const child = execFile(
      process.execPath,
      ["--input-type=module", "-e", script],
      { cwd: ROOT },
      (err, out) => (err ? reject(err) : resolve(JSON.parse(out) as { valid: boolean; errors?: unknown })),
    );
    child.stdin?.end(document);
  });
}

describe("route schemas", () => {
  it("every route has response schemas, and every API route a query schema refusing unknown parameters", () => {
    const routes = srv.routes.all().filter((r) => r.schema?.hide !== true);
    const missing = routes
      .filter((r) => r.schema?.response === undefined)
      .map((r) => `${r.methods.join(",")} ${r.url}`);
    const open = routes
      .filter((r) => r.url.startsWith("/api/"))
      .filter(
        (r) => (r.schema?.querystring as { additionalProperties?: unknown })?.additionalProperties !== false,
      )
      .map((r) => `${r.methods.join(",")} ${r.url}`);

    expect(routes.map((r) => r.url)).toEqual(expect.arrayContaining(["/api/rooms", "/healthz", "/metrics"]));
    expect(missing).toEqual([]);
    expect(open).toEqual([]);
  });

  it("hidden routes are the documentation page's own", () => {
    const hidden = srv.routes.all().filter((r) => r.schema?.hide === true);

    expect(hidden.length).toBeGreaterThan(0);
    expect(hidden.filter((r) => !r.url.startsWith("/docs"))).toEqual([]);
  });
});

describe("OpenAPI document", () => {
  it("is valid OpenAPI 3 and describes every API route with its parameters and error answers", async () => {
    const res = await get<string>(`${srv.url}/docs/json`);
    const document = typeof res.body === "string" ? res.body : JSON.stringify(res.body);
    const spec = JSON.parse(document) as {
      openapi: string;
      paths: Record<string, { get: { parameters?: { name: string; in: string }[]; responses: object } }>;
    };

    const result = await validateOpenApi(document);

    expect(result).toEqual({ valid: true });
    expect(spec.openapi).toBe("3.0.3");
    expect(Object.keys(spec.paths).sort()).toEqual([
      "/api/channels",
      "/api/goods",
      "/api/rooms",
      "/api/rooms/{roomId}",
      "/api/rooms/{roomId}/replays",
      "/healthz",
      "/metrics",
    ]);
    const list = spec.paths["/api/rooms"].get;
    expect(list.parameters?.map((p) => `${p.in}:${p.name}`)).toEqual(["query:start", "query:limit"]);
    expect(Object.keys(list.responses)).toEqual(["200", "304", "400", "429", "503"]);
    expect(spec.paths["/api/goods"].get.parameters?.map((p) => `${p.in}:${p.name}`)).toEqual(["query:url"]);
    expect(spec.paths["/api/rooms/{roomId}"].get.parameters?.map((p) => `${p.in}:${p.name}`)).toEqual([
      "path:roomId",
    ]);
  });

  it("has a browsable page whose scripts and styles come from the server itself", async () => {
    const page = await get<string>(`${srv.url}/docs/`);
    const sources = [...page.body.matchAll(/(?:src|href)="([^"]+)"/g)].map((m) => m[1]);
    const initializer = await get<string>(`${srv.url}/docs/static/swagger-initializer.js`);

    expect(page.status).toBe(200);
    expect(page.headers.get("content-type")).toBe("text/html; charset=utf-8");
    expect(sources.length).toBeGreaterThan(2);
    expect(sources.filter((s) => /^(https?:)?\/\//.test(s))).toEqual([]);
    for (const source of sources) {
      expect([source, (await get(new URL(source, `${srv.url}/docs/`).href)).status]).toEqual([source, 200]);
    }
    expect(initializer.body).not.toMatch(/url: "https?:/);
  });

  it("is off with API_DOCS=off, and by default under NODE_ENV=production", async () => {
    const envs: Record<string, string>[] = [{ API_DOCS: "off" }, { NODE_ENV: "production" }];
    for (const env of envs) {
      const off = await server(emu, { env });
      try {
        expect((await get(`${off.url}/docs/json`)).status).toBe(404);
      } finally {
        await off.close();
      }
    }
  });
});
