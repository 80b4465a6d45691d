/**
 * Three projects: the mini-program (jsdom + miniprogram-simulate), the gallery (the same environment,
 * plus headless Chromium: it renders a page to a PNG, so it is slower and needs the Debian packages
 * npm test's pre-script installs) and the Node side (server, scripts). The timeout is sized for a
 * loaded 2-core machine: page mounts compile WXML with wcc, and the Node tests spawn tsx, node, npm,
 * redis-server and servers. It bounds a hang; no test measures time with it. It is set at the top
 * level because jest-circus reads only the global value (a project's own is ignored).
 */
const tsJest = (tsconfig) => ({ "^.+\\.ts$": ["ts-jest", { tsconfig }] });

/** The mini-program's environment: jsdom, simulate's wx and our harness (test/support). */
const miniprogram = {
  testEnvironment: "jsdom",
  moduleFileExtensions: ["ts", "js", "json"],
  transform: tsJest("<rootDir>/tsconfig.test.json"),
  globalSetup: "<rootDir>/test/support/global-setup.js",
  setupFiles: ["<rootDir>/test/support/setup.ts"],
  setupFilesAfterEnv: ["<rootDir>/test/support/after-env.ts"],
};

module.exports = {
  testTimeout: 120_000,
  projects: [
    { displayName: "app", ...miniprogram, testMatch: ["<rootDir>/test/app/**/*.test.ts"] },
    { displayName: "gallery", ...miniprogram, testMatch: ["<rootDir>/test/gallery/**/*.test.ts"] },
    {
      displayName: "node",
      testEnvironment: "node",
      globalSetup: "<rootDir>/test/server/support/global-setup.js",
      moduleFileExtensions: ["ts", "js", "json"],
      transform: tsJest("<rootDir>/tsconfig.node.json"),
      testMatch: ["<rootDir>/test/server/**/*.test.ts", "<rootDir>/test/scripts/**/*.test.ts"],
    },
  ],
};
