/**
 * The `npm run links` command, with its output and environment injected so tests run it in-process.
 * Exit codes: 0 done, 1 a share code could not be saved, 2 a usage or configuration mistake.
 */
import { ConfigError } from "../../server/src/config";
import { formatRoom, parseLinksArgs, roomLinks, USAGE, UsageError, type ShareCodeResult } from "./links";
import { ShareCodeClient, ShareCodeError } from "./share-code";

export interface LinksIo {
  out: (text: string) => void;
  err: (text: string) => void;
  env?: Record<string, string | undefined>;
}

export async function runLinks(argv: readonly string[], io: LinksIo): Promise<number> {
  let args;
  try {
    args = parseLinksArgs(argv);
  } catch (err) {
    if (!(err instanceof UsageError)) throw err;
    io.err(`links: ${err.message}`);
    return 2;
  }
  if (args.help) {
    io.out(USAGE);
    return 0;
  }

  let client: ShareCodeClient | null = null;
  if (args.qrDir !== null) {
    try {
      client = new ShareCodeClient({ env: io.env });
    } catch (err) {
      if (!(err instanceof ConfigError)) throw err;
      io.err(`links: ${err.message}`);
      return 2;
    }
  }

  let failed = false;
  const results = [];
  for (const roomId of args.roomIds) {
    const links = roomLinks(roomId, args.customParams);
    let shareCode: ShareCodeResult | undefined;
    if (client && args.qrDir !== null) {
      try {
        const code = await client.sharedCode(roomId, args.customParams);
        shareCode = { pagePath: code.pagePath, file: await client.save(roomId, code, args.qrDir) };
      } catch (err) {
        if (!(err instanceof ShareCodeError)) throw err;
        failed = true;
        shareCode = { error: err.message };
      }
    }
    results.push({ ...links, customParams: args.customParams, ...(shareCode ? { shareCode } : {}) });
    if (!args.json) io.out(formatRoom(links, shareCode));
  }
  if (args.json) io.out(JSON.stringify({ rooms: results }, null, 2));
  return failed ? 1 : 0;
}
