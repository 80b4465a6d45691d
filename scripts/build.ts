/**
 * `npm run build`: npm build (vant, dayjs → miniprogram_npm), then the offline compile through
 * miniprogram-ci getCompiledResult — exactly what an upload would send — written to dist/miniprogram.
 * A compile error fails the build.
 */
import * as fs from "fs";
import * as path from "path";
import { buildNpm } from "./build-npm";
import { compileOffline, packageSizes } from "./lib/ci-project";
import { ROOT } from "./lib/paths";

export const DIST = path.join(ROOT, "dist/miniprogram");

export async function build(): Promise<Map<string, Buffer>> {
  await buildNpm();
  const files = await compileOffline();
  fs.rmSync(DIST, { recursive: true, force: true });
  for (const [name, content] of files) {
    const target = path.join(DIST, name);
    fs.mkdirSync(path.dirname(target), { recursive: true });
    fs.writeFileSync(target, content);
  }
  return files;
}

if (require.main === module) {
  build().then(
    (files) => {
      const sizes = packageSizes(files)
        .map((s) => `${s.name} ${(s.bytes / 1024).toFixed(1)} KB`)
        .join(", ");
      console.log(`build: compiled ${files.size} files offline → dist/miniprogram (${sizes})`);
      process.exit(0);
    },
    (err: unknown) => {
      console.error(`build failed: ${err instanceof Error ? err.message : String(err)}`);
      process.exit(1);
    },
  );
}
