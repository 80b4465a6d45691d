/** Shared by the *.gallery.ts files: a fixed clock, settling a page, and writing one state. */
import { settle as settleAll, type MountedPage } from "../support/mount";
import { loadImages, renderPage, writeShot, type ShotMeta } from "../support/gallery-render";
import { NOW } from "../support/fixtures/rooms";

export { NOW };

/** Every gallery state is drawn at the same moment: 2025-11-29 19:00 Beijing time. */
export function fixClock(): void {
  beforeEach(() => jest.useFakeTimers({ now: NOW }));
  afterEach(() => jest.useRealTimers());
}

/** Images and nested components take more rounds than a test's settle. */
export const settle = (): Promise<void> => settleAll(20);

/** Lets the page settle, fires image loads, and writes the state for scripts/gallery.ts. */
export async function capture(
  page: MountedPage,
  route: string,
  meta: Omit<ShotMeta, "viewportHeight" | "seq">,
): Promise<void> {
  await settle();
  await loadImages(page);
  await settle();
  writeShot(meta, renderPage(page, route));
}
