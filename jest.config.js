/**
 * Two projects: the mini-program (jsdom + miniprogram-simulate) and the Node side (server, scripts).
 * Timeouts are sized for a loaded 2-core machine: page mounts compile WXML with wcc, and the Node tests
 * spawn tsx, redis-server and servers. They bound a hang; no test measures time with them.
 */
const tsJest = (tsconfig) => ({ "^.+\\.ts$": ["ts-jest", { tsconfig }] });

module.exports = {
  // Jest reads testTimeout only at the top level (a project's own value is ignored and 5 s applies):
  // this bounds a hang in both projects.
  testTimeout: 120_000,
  projects: [
    {
      displayName: "app",
      testEnvironment: "jsdom",
      testTimeout: 60_000,
      moduleFileExtensions: ["ts", "js", "json"],
      transform: tsJest("<rootDir>/tsconfig.test.json"),
      globalSetup: "<rootDir>/test/support/global-setup.js",
      setupFiles: ["<rootDir>/test/support/setup.ts"],
      setupFilesAfterEnv: ["<rootDir>/test/support/after-env.ts"],
      testMatch: ["<rootDir>/test/app/**/*.test.ts"],
    },
    {
      displayName: "node",
      testEnvironment: "node",
      testTimeout: 120_000,
      moduleFileExtensions: ["ts", "js", "json"],
      transform: tsJest("<rootDir>/tsconfig.node.json"),
      testMatch: ["<rootDir>/test/server/**/*.test.ts", "<rootDir>/test/scripts/**/*.test.ts"],
    },
  ],
};
