/**
 * Compiles one build offline, exactly as `npm run build` does, and writes the compiled files under
 * OUT_DIR. Runs as a child process of the tests: miniprogram-ci prints to stdout and leaves a compiler
 * process behind. Usage: tsx compile-variant.ts <plugin|channels> <outDir> <stageDir>
 */
import * as fs from "fs";
import * as path from "path";
import { buildNpm } from "../../../scripts/build-npm";
import { compileOffline } from "../../../scripts/lib/ci-project";
import { stageChannelsProject } from "../../../scripts/lib/live-source";
import { MINIPROGRAM_NPM, ROOT } from "../../../scripts/lib/paths";

async function main(): Promise<void> {
  const [source, outDir, stageDir] = process.argv.slice(2);
  if ((source !== "plugin" && source !== "channels") || !outDir || !stageDir) {
    throw new Error("usage: compile-variant.ts <plugin|channels> <outDir> <stageDir>");
  }
  // a fresh clone running only the node tests has no miniprogram_npm yet (the app tests build it too)
  if (!fs.existsSync(path.join(MINIPROGRAM_NPM, "@vant/weapp/button/index.json"))) await buildNpm();
  const project = source === "channels" ? stageChannelsProject(stageDir) : ROOT;
  const files = await compileOffline(project);
  for (const [name, content] of files) {
    const target = path.join(outDir, name);
    fs.mkdirSync(path.dirname(target), { recursive: true });
    fs.writeFileSync(target, content);
  }
}

main().then(
  () => process.exit(0),
  (err: unknown) => {
    console.error(err instanceof Error ? err.message : String(err));
    process.exit(1);
  },
);
