/**
 * The gallery's jest run: the app project's environment, transform and setup (the same harness the
 * tests mount pages with), over test/gallery/*.gallery.ts, which write serialised pages for
 * scripts/gallery.ts to screenshot.
 */
const path = require("path");
const base = require("../../jest.config.js").projects.find((p) => p.displayName === "app");

module.exports = {
  ...base,
  rootDir: path.resolve(__dirname, "../.."),
  displayName: "gallery",
  testMatch: ["<rootDir>/test/gallery/**/*.gallery.ts"],
};
