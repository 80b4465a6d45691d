/**
 * The live page's `custom_params`: the shop's own values (and our attribution) that the plugin hands
 * back on share cards, reminders and goods pages (docs/wechat-live.md, "The live page URL"). Pure: no
 * `wx`, and no plugin URL, so main-package code may use it.
 */
import { toSharerId } from "./sharer";

export type CustomParams = Record<string, unknown>;

/** The plugin truncates longer custom_params; we refuse instead of losing attribution silently. */
export const CUSTOM_PARAMS_MAX_LENGTH = 600;

export class CustomParamsTooLongError extends Error {
  constructor(readonly length: number) {
    super(`custom_params is ${length} characters once encoded; the limit is ${CUSTOM_PARAMS_MAX_LENGTH}`);
    this.name = "CustomParamsTooLongError";
  }
}

/** `encodeURIComponent(JSON.stringify(obj))`, refused over 600 characters. */
export function encodeCustomParams(params: CustomParams): string {
  const encoded = encodeURIComponent(JSON.stringify(params));
  if (encoded.length > CUSTOM_PARAMS_MAX_LENGTH) throw new CustomParamsTooLongError(encoded.length);
  return encoded;
}

/** A `sharer` that arrived as an openid (links of older versions) leaves as its sharer id. */
function withSharerId(params: CustomParams): CustomParams {
  if (!("sharer" in params)) return params;
  const { sharer, ...rest } = params;
  const id = toSharerId(sharer);
  return id ? { ...rest, sharer: id } : rest;
}

function encodedLength(params: CustomParams): number {
  return encodeURIComponent(JSON.stringify(params)).length;
}

/**
 * The custom_params to send to the live page: the ones the shopper arrived with (the shop's own keys,
 * which win on a clash, so a first-touch `src` survives) plus our attribution. Never over the plugin's
 * 600 characters: the shop's keys are kept before ours, and a value that cannot fit is dropped rather
 * than sent for the plugin to truncate into broken JSON. No openid leaves as `sharer`.
 */
export function liveCustomParams(
  arrived: CustomParams | null | undefined,
  attribution: CustomParams | null | undefined,
): CustomParams | null {
  const incoming = arrived ? withSharerId(arrived) : arrived;
  const candidates: CustomParams[] = [];
  if (incoming && attribution) candidates.push({ ...attribution, ...incoming });
  if (incoming) candidates.push(incoming);
  if (attribution) candidates.push(attribution);
  for (const candidate of candidates) {
    if (Object.keys(candidate).length > 0 && encodedLength(candidate) <= CUSTOM_PARAMS_MAX_LENGTH) {
      return candidate;
    }
  }
  return null;
}

/**
 * The custom_params a share link of ours carries: what the page arrived with, the shopper who shares
 * it as the sharer (someone else's sharer id is not passed on as theirs), within 600 characters.
 */
export function shareCustomParams(
  arrived: CustomParams | null | undefined,
  sharerId: string | null,
): CustomParams | null {
  const rest: CustomParams = { ...(arrived ?? {}) };
  delete rest.sharer;
  return liveCustomParams(rest, sharerId ? { sharer: sharerId } : null);
}
