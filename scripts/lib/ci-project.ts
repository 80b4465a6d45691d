/**
 * miniprogram-ci projects for offline compiles and for real preview/upload.
 *
 * Offline: `getCompiledResult` asks WeChat for the project's attributes unless the Project carries an
 * `attr` function (docs/tooling.md, "Compiling offline"); we give it the defaults, so compiles need no
 * network, appid or key.
 */
import * as fs from "fs";
import * as ci from "miniprogram-ci";
import { PROJECT_CONFIG, ROOT } from "./paths";

type Project = InstanceType<typeof ci.Project>;

/** A throwaway key path: miniprogram-ci insists on one even for offline work, and never reads it there. */
const OFFLINE_KEY = "offline-compile-needs-no-key";

export function readProjectAppid(): string {
  const config = JSON.parse(fs.readFileSync(PROJECT_CONFIG, "utf8")) as { appid?: string };
  return config.appid ?? "touristappid";
}

/** `projectPath`: the repository (the plugin build) or a staged variant (scripts/lib/live-source.ts). */
export function offlineProject(projectPath = ROOT): Project {
  const options = {
    projectPath,
    type: "miniProgram" as const,
    appid: readProjectAppid(),
    privateKey: OFFLINE_KEY,
    ignores: ["node_modules/**/*"],
    // Not in miniprogram-ci's typings: CIProject.attr() uses it instead of a network round-trip.
    attr: async () => ci.DefaultProjectAttr,
  };
  return new ci.Project(options);
}

export function onlineProject(appid: string, privateKeyPath: string, projectPath = ROOT): Project {
  return new ci.Project({
    projectPath,
    type: "miniProgram",
    appid,
    privateKeyPath,
    ignores: ["node_modules/**/*"],
  });
}

/**
 * Exactly what an upload would send: TS compiled, unused files filtered, minified. path → bytes.
 * A compile error rejects.
 */
export async function compileOffline(projectPath = ROOT): Promise<Map<string, Buffer>> {
  const files = await ci.getCompiledResult({
    project: offlineProject(projectPath),
    version: "0.0.0",
    setting: { useProjectConfig: true },
    onProgressUpdate: () => undefined,
  });
  const out = new Map<string, Buffer>();
  for (const [name, content] of Object.entries(files)) {
    out.set(name, typeof content === "string" ? Buffer.from(content, "utf8") : content);
  }
  return out;
}

export interface PackageSize {
  name: string;
  root: string;
  bytes: number;
  files: number;
  budget: number;
}

/** Budgets from the foundation issue (WeChat's own hard limit is 2 MB per package). */
export const BUDGETS: Record<string, number> = { __APP__: 160 * 1024, packageA: 120 * 1024 };

/**
 * Sums compiled files per package: a file belongs to the subpackage whose root it starts with. The
 * subpackages come from the compiled app.json (which writes `subPackages`, roots with a trailing
 * slash), so a variant without some of them is measured as it is.
 */
export function packageSizes(files: Map<string, Buffer>): PackageSize[] {
  const compiledApp = files.get("app.json");
  if (!compiledApp) throw new Error("the compiled files have no app.json");
  const appJson = JSON.parse(compiledApp.toString("utf8")) as {
    subpackages?: Array<{ root: string }>;
    subPackages?: Array<{ root: string }>;
  };
  const roots = (appJson.subPackages ?? appJson.subpackages ?? []).map((s) => s.root.replace(/\/$/, ""));
  const sizes: PackageSize[] = [
    { name: "__APP__", root: "/", bytes: 0, files: 0, budget: BUDGETS.__APP__ },
    ...roots.map((root) => ({
      name: root,
      root,
      bytes: 0,
      files: 0,
      budget: BUDGETS[root] ?? 2 * 1024 * 1024,
    })),
  ];
  for (const [name, content] of files) {
    const owner = sizes.find((s) => s.root !== "/" && name.startsWith(`${s.root}/`)) ?? sizes[0];
    owner.bytes += content.length;
    owner.files += 1;
  }
  return sizes;
}
