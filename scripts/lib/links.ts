/**
 * `npm run links`: argument parsing and the live-page paths per room. Pure (no I/O), so the rules have
 * plain tests. The paths are the operator console's (server/src/wechat/live-page.ts); `--custom` is
 * encoded by the mini-program's own rules (miniprogram/core/custom-params.ts).
 */
import {
  CUSTOM_PARAMS_MAX_LENGTH,
  CustomParamsTooLongError,
  encodeCustomParams,
  type CustomParams,
} from "../../miniprogram/core/plugin-urls";
import { parseRoomId } from "../../miniprogram/core/query";
import { roomLinks as serverRoomLinks, type RoomLinks } from "../../server/src/wechat/live-page";

export type { RoomLinks };

export const USAGE = `Usage: npm run links -- <roomId...> [--custom '{"k":"v"}'] [--json] [--qr DIR]

Prints, per live room, the live-page path for a room QR code (type=9), for a card in an
official-account article (type=10), and a plain one.
  --custom JSON  custom_params for every path (a JSON object, at most ${CUSTOM_PARAMS_MAX_LENGTH} characters once encoded)
  --json         machine-readable output
  --qr DIR       also save each room's official share code image into DIR (WeChat's getsharedcode;
                 credentials from WX_APPID/WX_APPSECRET, or WECHAT_API_BASE pointing at the emulator)`;

/** A mistake in the command line: one line for the user, exit code 2. */
export class UsageError extends Error {
  override name = "UsageError";
}

export interface LinksArgs {
  roomIds: number[];
  customParams: CustomParams | null;
  json: boolean;
  qrDir: string | null;
  help: boolean;
}

function parseCustom(raw: string): CustomParams {
  let value: unknown;
  try {
    value = JSON.parse(raw);
  } catch {
    throw new UsageError(`--custom is not valid JSON: ${JSON.stringify(raw.slice(0, 60))}`);
  }
  if (typeof value !== "object" || value === null || Array.isArray(value)) {
    throw new UsageError('--custom must be a JSON object, e.g. \'{"src":"poster"}\'');
  }
  const params = value as CustomParams;
  try {
    encodeCustomParams(params);
  } catch (err) {
    if (err instanceof CustomParamsTooLongError) {
      throw new UsageError(
        `--custom is ${err.length} characters once encoded; the live plugin allows at most ${CUSTOM_PARAMS_MAX_LENGTH}`,
      );
    }
    throw err;
  }
  return params;
}

export function parseLinksArgs(argv: readonly string[]): LinksArgs {
  const args: LinksArgs = { roomIds: [], customParams: null, json: false, qrDir: null, help: false };
  for (let i = 0; i < argv.length; i += 1) {
    const arg = argv[i];
    const [flag, inline] =
      arg.startsWith("--") && arg.includes("=")
        ? [arg.slice(0, arg.indexOf("=")), arg.slice(arg.indexOf("=") + 1)]
        : [arg, undefined];
    const value = (): string => {
      if (inline !== undefined) return inline;
      const next = argv[i + 1];
      if (next === undefined) throw new UsageError(`${flag} needs a value`);
      i += 1;
      return next;
    };
    if (flag === "--help" || flag === "-h") args.help = true;
    else if (flag === "--json") args.json = true;
    else if (flag === "--custom") args.customParams = parseCustom(value());
    else if (flag === "--qr") {
      const dir = value().trim();
      if (dir === "") throw new UsageError("--qr needs a directory");
      args.qrDir = dir;
    } else if (flag.startsWith("-") && !/^-\d/.test(flag)) throw new UsageError(`unknown option ${flag}`);
    else {
      const roomId = parseRoomId(arg);
      if (roomId === null)
        throw new UsageError(`invalid room id ${JSON.stringify(arg)}: room ids are positive integers`);
      if (!args.roomIds.includes(roomId)) args.roomIds.push(roomId);
    }
  }
  if (!args.help && args.roomIds.length === 0)
    throw new UsageError("give at least one room id, e.g. npm run links -- 12");
  return args;
}

/** The paths the operator console shows too (server/src/wechat/live-page.ts), with `--custom`. */
export function roomLinks(roomId: number, customParams: CustomParams | null): RoomLinks {
  const encoded =
    customParams && Object.keys(customParams).length > 0 ? encodeCustomParams(customParams) : "";
  return serverRoomLinks(roomId, encoded);
}

export interface ShareCodeResult {
  /** Where the image was saved. */
  file?: string;
  pagePath?: string;
  /** Why it could not be fetched (never carries a token or the secret). */
  error?: string;
}

/** The human-readable block for one room. */
export function formatRoom(links: RoomLinks, shareCode?: ShareCodeResult): string {
  const lines = [
    `Room ${links.roomId}`,
    `  QR code (小程序码, type=9):       ${links.qrcode}`,
    `  Article card (公众号文章, type=10): ${links.article}`,
    `  Plain:                            ${links.plain}`,
  ];
  if (shareCode?.file) lines.push(`  Share code image:                 ${shareCode.file}`);
  if (shareCode?.error) lines.push(`  Share code image:                 not saved (${shareCode.error})`);
  return lines.join("\n");
}
