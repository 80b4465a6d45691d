/**
 * `npm run gallery`'s jest run: the root config's gallery project (the app's environment, transform and
 * setup: the same harness the tests mount pages with), over test/gallery/*.gallery.ts, which write
 * serialised pages for scripts/gallery.ts to screenshot. The gallery project's own test
 * (gallery.test.ts) runs in `npm test`.
 */
const path = require("path");
const gallery = require("../../jest.config.js").projects.find((p) => p.displayName === "gallery");
if (!gallery) throw new Error("jest.config.js has no gallery project");

module.exports = {
  ...gallery,
  rootDir: path.resolve(__dirname, "../.."),
  testMatch: ["<rootDir>/test/gallery/**/*.gallery.ts"],
};
