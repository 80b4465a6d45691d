/**
 * The gallery cannot rot silently: one page in one state goes through the same path as
 * `npm run gallery` (harness mount → serialised document → headless Chromium → indexed PNG), and the
 * picture must have content and the document the page's Chinese text. CI installs chromium and
 * fonts-wqy-microhei (npm test's pre-script installs them), so nothing here is skipped.
 */
import { execFileSync } from "child_process";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { PNG } from "pngjs";
import { REPO_ROOT } from "../support/paths";
import { harness } from "../support/harness";
import { settle } from "./gallery-helpers";
import { loadImages, openForGallery, renderPage } from "../support/gallery-render";
import { NOW, listBody, ok, room } from "../support/fixtures/rooms";
import { LIST as ROUTE } from "../support/fixtures/routes";

beforeEach(() => jest.useFakeTimers({ now: NOW }));
afterEach(() => jest.useRealTimers());

function shoot(html: string, viewportHeight: number): Buffer {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "gallery-test-"));
  try {
    const htmlFile = path.join(dir, "page.html");
    const pngFile = path.join(dir, "page.png");
    fs.writeFileSync(htmlFile, html);
    const tsx = path.join(REPO_ROOT, "node_modules/.bin/tsx");
    const script = path.join(REPO_ROOT, "scripts/lib/gallery-shoot.ts");
    try {
      execFileSync(tsx, [script, htmlFile, pngFile, "--height", String(viewportHeight)], {
        cwd: REPO_ROOT,
        stdio: "pipe",
        timeout: 60_000,
      });
    } catch (err) {
      const stderr = (err as { stderr?: Buffer }).stderr?.toString().trim();
      throw new Error(stderr || String(err));
    }
    return fs.readFileSync(pngFile);
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

test("the room list renders to a non-blank 2× PNG with its Chinese text", async () => {
  harness.backend = () =>
    ok(
      listBody([
        room(1, { status: 101, startIn: -1800, name: "秋冬羊绒围巾 直播特惠" }),
        room(2, { status: 102, startIn: 7200, name: "周末家居好物预告" }),
      ]),
    );
  const page = openForGallery(ROUTE);
  await settle();
  await loadImages(page);
  await settle();
  const { html, viewportHeight } = renderPage(page, ROUTE);

  expect(html).toContain("秋冬羊绒围巾 直播特惠");
  expect(html).toContain("距开播");
  expect(html).toContain("直播中");
  // Images are local: covers became data: URIs, no image points at the network.
  expect(html).toMatch(/background-image:url\(&quot;data:image\/svg\+xml/);
  expect(html).not.toMatch(/background-image:url\((&quot;)?https?:/);
  // rpx at its real ratio: the 88rpx tab bar is 44 px tall.
  expect(html).toMatch(/main--tabs__item\{[^}]*height:44px/);

  const png = PNG.sync.read(shoot(html, viewportHeight));
  expect(png.width).toBe(750);
  expect(png.height).toBeGreaterThanOrEqual(1624);
  const colours = new Set<number>();
  for (let i = 0; i < png.width * png.height; i += 1) {
    colours.add((png.data[i * 4] << 16) | (png.data[i * 4 + 1] << 8) | png.data[i * 4 + 2]);
  }
  expect(colours.size).toBeGreaterThan(16);
}, 90_000);
