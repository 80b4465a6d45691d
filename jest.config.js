/** Two projects: the mini-program (jsdom + miniprogram-simulate) and the Node side (server, scripts). */
const tsJest = (tsconfig) => ({ "^.+\\.ts$": ["ts-jest", { tsconfig }] });

module.exports = {
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
      moduleFileExtensions: ["ts", "js", "json"],
      transform: tsJest("<rootDir>/tsconfig.node.json"),
      testMatch: ["<rootDir>/test/server/**/*.test.ts", "<rootDir>/test/scripts/**/*.test.ts"],
    },
  ],
};
