/** Where things are, for tests that read files or start tools (no test moves with its folder). */
import * as path from "path";

export const REPO_ROOT = path.resolve(__dirname, "../..");
export const MP_ROOT = path.join(REPO_ROOT, "miniprogram");
