import * as path from "path";

/** Absolute paths every script agrees on. */
export const ROOT = path.resolve(__dirname, "../..");
export const MINIPROGRAM_ROOT = path.join(ROOT, "miniprogram");
export const MINIPROGRAM_NPM = path.join(MINIPROGRAM_ROOT, "miniprogram_npm");
export const PACKAGE_JSON = path.join(ROOT, "package.json");
export const PROJECT_CONFIG = path.join(ROOT, "project.config.json");
