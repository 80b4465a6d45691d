/**
 * `npm run bench` runs the mini-program setData budgets here: the "app" project of the root config
 * (jsdom, miniprogram-simulate, the same transform and setup files), matching bench/app/*.bench.js.
 */
const path = require("path");
const root = require("../jest.config.js");

const app = root.projects.find((p) => p.displayName === "app");
if (!app) throw new Error("jest.config.js has no app project");

module.exports = {
  ...app,
  displayName: "bench-app",
  rootDir: path.resolve(__dirname, ".."),
  testMatch: ["<rootDir>/bench/app/**/*.bench.js"],
};
