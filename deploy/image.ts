/**
 * The container image as data: deploy/Dockerfile is written to run exactly these steps (a test holds
 * the two together), and deploy/rehearse.ts runs them without a container engine, so the image's
 * install, build, file layout and start command are exercised on every `npm test`.
 */

export interface Step {
  workdir?: string;
  env?: Record<string, string>;
  /** COPY [--from=<stage>] <sources…> <dest> */
  copy?: { from?: string; sources: string[]; dest: string };
  /** RUN [--mount=<mount>] <run> */
  run?: string;
  /** A BuildKit mount for the RUN (a cache outside the image); nothing to rehearse. */
  mount?: string;
  /** Why a RUN only makes sense inside the image; the rehearsal skips it. */
  containerOnly?: string;
}

export interface Stage {
  name: string;
  steps: Step[];
}

/** Where the image keeps its data: the only writable path (compose mounts a volume there). */
export const DATA_DIR = "/data";

export const STAGES: Stage[] = [
  {
    // the server package compiled on its own: only server/ (the HTTP contract is server/src/api)
    name: "build",
    steps: [
      { workdir: "/src/server" },
      { copy: { sources: ["server/package.json", "server/package-lock.json"], dest: "./" } },
      { run: "npm ci --no-audit --no-fund", mount: "type=cache,target=/root/.npm" },
      { copy: { sources: ["server/tsconfig.json", "server/tsconfig.build.json"], dest: "./" } },
      { copy: { sources: ["server/src"], dest: "./src" } },
      { run: "npm run build" },
    ],
  },
  {
    // what runs: the production dependencies and the compiled JavaScript, nothing else
    name: "runtime",
    steps: [
      { env: { NODE_ENV: "production", HOST: "0.0.0.0", PORT: "8787", DATA_DIR } },
      { workdir: "/app" },
      { copy: { sources: ["server/package.json", "server/package-lock.json"], dest: "./" } },
      { run: "npm ci --omit=dev --no-audit --no-fund", mount: "type=cache,target=/root/.npm" },
      { copy: { from: "build", sources: ["/src/server/dist"], dest: "./dist" } },
      {
        run: `mkdir -p ${DATA_DIR} && chown node:node ${DATA_DIR}`,
        containerOnly: "the image's data directory, owned by its non-root user",
      },
    ],
  },
];

/** The image's CMD, run from the runtime stage's WORKDIR: node itself, so SIGTERM reaches the server. */
export const START = ["node", "dist/index.js"];

/** A step as the Dockerfile spells it. */
export function instruction(step: Step): string {
  if (step.workdir) return `WORKDIR ${step.workdir}`;
  if (step.env)
    return `ENV ${Object.entries(step.env)
      .map(([k, v]) => `${k}=${v}`)
      .join(" ")}`;
  if (step.copy) {
    const { from, sources, dest } = step.copy;
    return ["COPY", ...(from ? [`--from=${from}`] : []), ...sources, dest].join(" ");
  }
  return ["RUN", ...(step.mount ? [`--mount=${step.mount}`] : []), step.run ?? ""].join(" ");
}
