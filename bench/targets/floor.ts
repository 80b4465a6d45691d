/**
 * The bench's floor, in a process of its own: a bare node:http server that answers each recorded path
 * with the bytes and headers the backend sent for it, and a matching If-None-Match with the backend's
 * 304 headers. What the backend costs over this is the price of everything it does beyond writing the
 * answer. Answers are recorded per path and Accept-Encoding (a compressed page is another answer). Reads
 * them from the JSON file named by its argument; prints `{"url", "pid"}`.
 */
import { readFileSync } from "node:fs";
import { createServer } from "node:http";
import type { AddressInfo } from "node:net";

export interface RecordedAnswer {
  path: string;
  /** The Accept-Encoding it was asked with ("" for none). */
  acceptEncoding: string;
  etag: string;
  okHeaders: Record<string, string>;
  /** base64 */
  okBody: string;
  notModifiedHeaders: Record<string, string>;
}

const answers: RecordedAnswer[] = JSON.parse(readFileSync(process.argv[2], "utf8")) as RecordedAnswer[];
const keyOf = (path: string, acceptEncoding: string): string => `${acceptEncoding} ${path}`;
const byKey = new Map(
  answers.map((a) => [keyOf(a.path, a.acceptEncoding), { ...a, body: Buffer.from(a.okBody, "base64") }]),
);

const floor = createServer((req, res) => {
  const answer = byKey.get(keyOf(req.url ?? "", req.headers["accept-encoding"] ?? ""));
  if (!answer) {
    res.writeHead(404).end();
  } else if (req.headers["if-none-match"] === answer.etag) {
    res.writeHead(304, answer.notModifiedHeaders).end();
  } else {
    res.writeHead(200, answer.okHeaders).end(answer.body);
  }
});
// the backend's keep-alive timeout, so both keep connections alike
floor.keepAliveTimeout = 72_000;
floor.listen(0, "127.0.0.1", () => {
  const { port } = floor.address() as AddressInfo;
  process.stdout.write(`${JSON.stringify({ url: `http://127.0.0.1:${port}`, pid: process.pid })}\n`);
});
process.once("SIGTERM", () => floor.close(() => process.exit(0)));
