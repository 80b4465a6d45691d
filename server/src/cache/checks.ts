/** Small guards for values read back from the snapshot file or Redis, whatever they hold. */

type Fields = Record<string, unknown>;

export const isRecord = (v: unknown): v is Fields => typeof v === "object" && v !== null && !Array.isArray(v);
export const isFiniteNumber = (v: unknown): v is number => typeof v === "number" && Number.isFinite(v);
