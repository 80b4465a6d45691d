/** What a page or component loads, read from its files (tests that prove what a package contains). */
import * as fs from "fs";
import * as path from "path";
import { MP_ROOT } from "./mount";

function firstExisting(candidates: string[]): string | null {
  return candidates.find((file) => fs.existsSync(file) && fs.statSync(file).isFile()) ?? null;
}

/**
 * Every file a page or component loads: its code and what that imports (relative imports, re-exports
 * and requires), its components and theirs (ours and miniprogram_npm's; plugin components are the
 * plugin's), and the WXS and templates its WXML pulls in. `page` is relative to miniprogram/, no extension.
 */
export function componentClosure(page: string): string[] {
  const files = new Set<string>();
  const code = (base: string): string | null =>
    firstExisting([
      `${base}.ts`,
      `${base}.js`,
      `${base}.d.ts`,
      path.join(base, "index.ts"),
      path.join(base, "index.js"),
    ]);

  const visitCode = (file: string): void => {
    if (files.has(file)) return;
    files.add(file);
    const text = fs.readFileSync(file, "utf8");
    for (const m of text.matchAll(/(?:from\s+|require\(\s*)["'](\.{1,2}\/[^"']+)["']/g)) {
      const target = code(path.resolve(path.dirname(file), m[1]));
      if (target) visitCode(target);
    }
  };

  const visitComponent = (base: string): void => {
    const json = `${base}.json`;
    if (files.has(json) || !fs.existsSync(json)) return;
    files.add(json);
    const own = code(base);
    if (own) visitCode(own);
    const wxml = `${base}.wxml`;
    if (fs.existsSync(wxml)) {
      files.add(wxml);
      for (const m of fs.readFileSync(wxml, "utf8").matchAll(/<(?:wxs|import|include)[^>]*src="([^"]+)"/g)) {
        const file = path.resolve(path.dirname(wxml), m[1]);
        if (fs.existsSync(file)) visitCode(file);
      }
    }
    const using = (JSON.parse(fs.readFileSync(json, "utf8")) as { usingComponents?: Record<string, string> })
      .usingComponents;
    for (const ref of Object.values(using ?? {})) {
      if (ref.startsWith("plugin-private://")) continue;
      if (ref.startsWith("/")) visitComponent(path.join(MP_ROOT, ref));
      else if (ref.startsWith(".")) visitComponent(path.resolve(path.dirname(base), ref));
      else visitComponent(path.join(MP_ROOT, "miniprogram_npm", ref));
    }
  };

  visitComponent(path.join(MP_ROOT, page));
  return [...files];
}
