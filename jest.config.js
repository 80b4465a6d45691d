/**
 * Two projects: the mini-program (jsdom + miniprogram-simulate) and the Node side (server, scripts).
 * The timeout is sized for a loaded 2-core machine: page mounts compile WXML with wcc, and the Node tests
 * spawn tsx, node, npm, redis-server and servers. It bounds a hang; no test measures time with it. It is
 * set at the top level because jest-circus reads only the global value (a project's own is ignored).
 */
const tsJest = (tsconfig) => ({ "^.+\\.ts$": ["ts-jest", { tsconfig }] });

module.exports = {
  testTimeout: 120_000,
  projects: [
    {
      displayName: "app",
      testEnvironment: "jsdom",
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
      globalSetup: "<rootDir>/test/server/support/global-setup.js",
      moduleFileExtensions: ["ts", "js", "json"],
      transform: tsJest("<rootDir>/tsconfig.node.json"),
      testMatch: ["<rootDir>/test/server/**/*.test.ts", "<rootDir>/test/scripts/**/*.test.ts"],
    },
  ],
};
