/**
 * How a shopper came in: the launch/show scene and query, classified, so pages can pass it on as
 * attribution in `custom_params`. Pure: app.ts feeds it `wx` options.
 */
import { isLivePageRoute } from "./live-page-route";
import type { CustomParams } from "./plugin-urls";
import { parseCustomParams, parseEntryType, parseRoomId, parseSharer } from "./query";

export type EntryKind = "qrcode" | "article" | "share" | "subscribe" | "other";

/** Scene values from WeChat's scene list; unknown scenes are kept as-is with kind "other". */
const SCENES: Record<Exclude<EntryKind, "other">, readonly number[]> = {
  // 扫描二维码 / 长按识别 / 相册选取, for QR codes (1011-1013) and mini-program codes (1047-1049).
  qrcode: [1011, 1012, 1013, 1047, 1048, 1049],
  // 公众号: 自定义菜单 1035, 模板消息 1043, 文章 1058, 会话下发 1074/1082, 文章商品卡片 1091, profile 1102.
  article: [1035, 1043, 1058, 1074, 1082, 1091, 1102],
  // 单人/群聊分享卡片, shareTicket 卡片, 朋友圈单页 (the scenes getShareParams serves), App 分享.
  share: [1007, 1008, 1044, 1154, 1155, 1036],
  // 订阅消息 (the plugin's 开播提醒 arrives as one).
  subscribe: [1014, 1107],
};

/** The scenes for which the plugin's getShareParams can answer (live-plugin.md §2.2). */
export const SHARE_CARD_SCENES: readonly number[] = [1007, 1008, 1044, 1154, 1155];

export interface EntryInfo {
  scene: number;
  kind: EntryKind;
  path: string;
  query: Record<string, string>;
  /** Unix milliseconds when it was recorded. */
  at: number;
  /** True when the shopper landed directly on the plugin's live page (a room code or an article card). */
  livePage?: boolean;
  /** The room of a live-page entry (`room_id` of its query), when valid. */
  roomId?: number;
  /** The live page's `custom_params`, parsed, when valid. */
  customParams?: CustomParams;
  /** The live page's `type`: 9 for a room's mini-program code, 10 for an article card. */
  entryType?: 9 | 10;
  /** Present on share cards sent to a group (scene 1044). */
  shareTicket?: string;
}

export function classifyScene(scene: number): EntryKind {
  for (const kind of Object.keys(SCENES) as Array<keyof typeof SCENES>) {
    if (SCENES[kind].includes(scene)) return kind;
  }
  return "other";
}

export function isShareCardScene(scene: unknown): boolean {
  return typeof scene === "number" && SHARE_CARD_SCENES.includes(scene);
}

/** Only string query values are kept; anything else is dropped rather than trusted. */
function cleanQuery(query: unknown): Record<string, string> {
  const out: Record<string, string> = {};
  if (typeof query !== "object" || query === null) return out;
  for (const [key, value] of Object.entries(query as Record<string, unknown>)) {
    if (typeof value === "string") out[key] = value;
  }
  return out;
}

const ENTRY_TYPE_KIND: Record<9 | 10, EntryKind> = { 9: "qrcode", 10: "article" };

/**
 * The entry as WeChat reports it to App.onLaunch/onShow. Unknown scenes are kept as-is (kind "other"),
 * unless the live page's own `type` says what the entry was.
 */
export function recordEntry(
  options: { scene?: unknown; path?: unknown; query?: unknown; shareTicket?: unknown },
  now: number,
): EntryInfo {
  const scene = typeof options.scene === "number" && Number.isFinite(options.scene) ? options.scene : 0;
  const path = typeof options.path === "string" ? options.path : "";
  const query = cleanQuery(options.query);
  const entry: EntryInfo = { scene, kind: classifyScene(scene), path, query, at: now };
  if (isLivePageRoute(path)) {
    entry.livePage = true;
    const roomId = parseRoomId(query.room_id);
    if (roomId !== null) entry.roomId = roomId;
    const customParams = parseCustomParams(query.custom_params);
    if (customParams) entry.customParams = customParams;
  }
  const entryType = parseEntryType(query.type);
  if (entry.livePage && entryType !== null) {
    entry.entryType = entryType;
    if (entry.kind === "other") entry.kind = ENTRY_TYPE_KIND[entryType];
  }
  if (typeof options.shareTicket === "string" && options.shareTicket !== "") {
    entry.shareTicket = options.shareTicket;
  }
  return entry;
}

/** Whether an onShow reports a different entry from the one recorded (a new scan, card or path). */
export function isNewEntry(
  previous: EntryInfo | null | undefined,
  options: { scene?: unknown; path?: unknown; query?: unknown; shareTicket?: unknown },
): boolean {
  if (!previous) return true;
  const next = recordEntry(options, previous.at);
  return (
    next.scene !== previous.scene ||
    next.path !== previous.path ||
    next.shareTicket !== previous.shareTicket ||
    JSON.stringify(next.query) !== JSON.stringify(previous.query)
  );
}

/** Keys kept short: the whole custom_params must stay within 600 encoded characters. */
export interface Attribution extends CustomParams {
  /** Where the shopper came from: entry kind, or a page of ours ("list", "room", "goods"). */
  src: string;
  scene?: number;
  /** The sharer's openid when the shopper came from a share card. */
  sharer?: string;
}

export function attributionFor(
  entry: EntryInfo | null | undefined,
  from: string,
  sharer?: string,
): Attribution {
  const out: Attribution = { src: from };
  if (entry) {
    out.scene = entry.scene;
    out.src = `${from}:${entry.kind}`;
  }
  const checked = parseSharer(sharer);
  if (checked) out.sharer = checked;
  return out;
}
