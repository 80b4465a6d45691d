/**
 * `npm run build [-- --no-plugin]`: npm build (vant, dayjs → miniprogram_npm), then the offline compile
 * through miniprogram-ci getCompiledResult — exactly what an upload would send — written to the
 * variant's dist directory (scripts/lib/live-source.ts: dist/miniprogram for the plugin build,
 * dist/miniprogram-channels for the build without the plugin). A compile error fails the build, and
 * so does a no-plugin build that still names the plugin.
 */
import * as fs from "fs";
import * as path from "path";
import { buildNpm } from "./build-npm";
import { compileOffline, packageSizes } from "./lib/ci-project";
import { VARIANTS, assertNoPlugin, prepareVariant, readLiveSource, type LiveSource } from "./lib/live-source";
import { ROOT } from "./lib/paths";

export async function build(source: LiveSource = "plugin"): Promise<Map<string, Buffer>> {
  await buildNpm();
  const variant = prepareVariant(source);
  const files = await compileOffline(variant.projectRoot);
  if (source === "channels") assertNoPlugin(files);
  fs.rmSync(variant.dist, { recursive: true, force: true });
  for (const [name, content] of files) {
    const target = path.join(variant.dist, name);
    fs.mkdirSync(path.dirname(target), { recursive: true });
    fs.writeFileSync(target, content);
  }
  return files;
}

if (require.main === module) {
  Promise.resolve()
    .then(async () => {
      const { source, rest } = readLiveSource(process.argv.slice(2), process.env);
      if (rest.length > 0) throw new Error(`unknown argument ${rest[0]} (only --plugin or --no-plugin)`);
      const files = await build(source);
      const sizes = packageSizes(files)
        .map((s) => `${s.name} ${(s.bytes / 1024).toFixed(1)} KB`)
        .join(", ");
      const { label, dist } = VARIANTS[source];
      console.log(
        `build (${label}): compiled ${files.size} files offline → ${path.relative(ROOT, dist)} (${sizes})`,
      );
      process.exit(0);
    })
    .catch((err: unknown) => {
      console.error(`build failed: ${err instanceof Error ? err.message : String(err)}`);
      process.exit(1);
    });
}
