/** Shared by the *.gallery.ts files: a fixed clock, settling a page, and writing one state. */
import { flush, type MountedPage } from "../support/mount";
import { loadImages, renderPage, writeShot, type ShotMeta } from "../support/gallery-render";
import { NOW } from "../app/budgets/rooms-fixtures";

export { NOW };

/** Every gallery state is drawn at the same moment: 2025-11-29 19:00 Beijing time. */
export function fixClock(): void {
  beforeEach(() => jest.useFakeTimers({ now: NOW }));
  afterEach(() => jest.useRealTimers());
}

export async function settle(): Promise<void> {
  await jest.advanceTimersByTimeAsync(0);
  await flush(20);
}

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
