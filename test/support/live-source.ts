/**
 * Mounting pages as either build (scripts/lib/live-source.ts). The build without the plugin differs
 * from the plugin build, for the pages, only in miniprogram/config/live-source.ts, which that build
 * compiles as `false` (test/scripts/live-source.test.ts checks the staged file and the compiled
 * output); here the module is replaced by the same value before the page loads.
 */
import * as path from "path";
import { MP_ROOT } from "./paths";

const LIVE_SOURCE_MODULE = path.join(MP_ROOT, "config/live-source");

export type Build = "plugin" | "channels";

/** Pages loaded after this see the given build's constant (until the next call). */
export function useBuild(build: Build): void {
  jest.doMock(LIVE_SOURCE_MODULE, () => ({ LIVE_PLUGIN: build === "plugin" }));
}
