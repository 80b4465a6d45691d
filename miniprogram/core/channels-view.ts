/**
 * What a 视频号 card shows, from what the device remembers about that 视频号 (its last answers and when
 * it last asked), which reservations the shopper made here, and what the base library supports.
 * Also what each reserveChannelsLive `state` means. Pure: the channels-list component feeds it.
 * Facts: docs/channels-live.md.
 */
import {
  CHANNEL_ERRORS,
  classifyChannelError,
  type ChannelLiveInfo,
  type ChannelNotice,
  type ChannelsSupport,
} from "./channels";
import type { RoomTab } from "./room-list";
import { formatStartTime } from "./time";

/** What the device keeps per 视频号 (in storage, so the minute gap holds across pages and launches). */
export interface ChannelRecord {
  /** Last getChannelsLiveInfo call, success or failure, unix ms (0: never). */
  infoAt: number;
  /** The last good live info; kept when a later call fails for a passing reason. */
  info: ChannelLiveInfo | null;
  /** Error code of the last info call; null when it succeeded. */
  infoError: number | null;
  /** Last getChannelsLiveNoticeInfo call, unix ms (0: never). */
  noticeAt: number;
  /** The notice of the last call; null when there was none (the call fails without one). */
  notice: ChannelNotice | null;
}

export const EMPTY_RECORD: ChannelRecord = {
  infoAt: 0,
  info: null,
  infoError: null,
  noticeAt: 0,
  notice: null,
};

/** Reserved notice ids → when to forget them (unix ms). `reservable` stays true after reserving. */
export type Reservations = Record<string, number>;

/** How long a reservation is remembered after the notice's start time. */
export const RESERVATION_KEEP_MS = 7 * 24 * 3600 * 1000;

export function rememberReservation(
  list: Reservations,
  notice: Pick<ChannelNotice, "noticeId" | "startTime">,
  now: number,
): Reservations {
  const start = notice.startTime !== null ? notice.startTime * 1000 : now;
  return { ...pruneReservations(list, now), [notice.noticeId]: Math.max(start, now) + RESERVATION_KEEP_MS };
}

export function forgetReservation(list: Reservations, noticeId: string, now: number): Reservations {
  const out = pruneReservations(list, now);
  delete out[noticeId];
  return out;
}

export function pruneReservations(list: Reservations, now: number): Reservations {
  const out: Reservations = {};
  for (const [id, until] of Object.entries(list)) if (until > now) out[id] = until;
  return out;
}

export function isReserved(list: Reservations, noticeId: string, now: number): boolean {
  const until = list[noticeId];
  return typeof until === "number" && until > now;
}

export type NoticeState = "open" | "reserved" | "closed" | "cancelled";

export interface NoticeView {
  id: string;
  /** "预告 · 今天 20:00 开播", or what happened to it. */
  text: string;
  state: NoticeState;
  /** "预约" / "已预约" (tapping it again lets the shopper cancel), "" for no button. */
  button: string;
}

/**
 * The next notice, as the card shows it: an open notice with 预约 (or 已预约 when this phone reserved
 * it), one that cannot be reserved, or a cancelled one the shopper had reserved. A used notice (its
 * live happened) and a cancelled one nobody here reserved show nothing.
 */
export function toNoticeView(
  notice: ChannelNotice | null,
  reservations: Reservations,
  now: number,
): NoticeView | null {
  if (!notice) return null;
  const reserved = isReserved(reservations, notice.noticeId, now);
  if (notice.status === 1) {
    return reserved
      ? { id: notice.noticeId, text: "你预约的直播已取消", state: "cancelled", button: "" }
      : null;
  }
  if (notice.status === 2) return null;
  const start = notice.startTime;
  const when =
    start === null ? "" : start * 1000 > now ? ` · ${formatStartTime(start, now)} 开播` : " · 即将开播";
  const text = `直播预告${when}`;
  if (reserved) return { id: notice.noticeId, text, state: "reserved", button: "已预约" };
  if (notice.reservable) return { id: notice.noticeId, text, state: "open", button: "预约" };
  return { id: notice.noticeId, text, state: "closed", button: "" };
}

/** Badge looks, borrowed from the room statuses (live-status-tag): live, upcoming, ended, weakest. */
export type ChannelBadge = 101 | 102 | 103 | 107;

export interface ChannelCardView {
  /** The 视频号 id (finderUserName). */
  id: string;
  name: string;
  avatar: string;
  /** The live's title (description). */
  title: string;
  badge: ChannelBadge;
  label: string;
  /** A second line: replay state, a reason, "" for none. */
  text: string;
  /** What the button opens with wx.openChannelsLive: the live, its replay, or nothing. */
  action: "" | "live" | "replay";
  actionText: string;
  /** Render `<channel-live>` (base library 2.29.0+) instead of our own button. */
  embed: boolean;
  feedId: string;
  nonceId: string;
  notice: NoticeView | null;
  /** Nothing known yet: a placeholder card. */
  loading: boolean;
}

export const CHANNEL_FALLBACK_NAME = "视频号直播";

/** A card that must not be shown to shoppers, with the reason for the operator. */
export interface HiddenChannel {
  id: string;
  code: number;
  reason: string;
}

export type ChannelCardResult = { card: ChannelCardView } | { hidden: HiddenChannel };

interface LiveLook {
  badge: ChannelBadge;
  label: string;
  text: string;
  action: ChannelCardView["action"];
}

/** Status (and replay status) → what the card says and which button it has. */
function liveLook(info: ChannelLiveInfo): LiveLook {
  switch (info.status) {
    case 2:
      return { badge: 101, label: "直播中", text: "", action: "live" };
    case 4:
      return { badge: 102, label: "准备中", text: "主播正在准备，马上开播", action: "" };
    case 1:
      return { badge: 107, label: "未开播", text: "还没有直播过", action: "" };
    case 3:
      if (info.replayStatus === 1)
        return { badge: 103, label: "回放", text: "直播已结束，可看回放", action: "replay" };
      if (info.replayStatus === 3)
        return { badge: 103, label: "已结束", text: "回放生成中，稍后可看", action: "" };
      if (info.replayStatus === 6) return { badge: 103, label: "已结束", text: "回放已过期", action: "" };
      return { badge: 103, label: "已结束", text: "直播已结束", action: "" };
  }
}

const ACTION_TEXT: Record<ChannelCardView["action"], string> = { "": "", live: "去看直播", replay: "看回放" };

/**
 * One card from what is known. Cache first: a failed call for a passing reason keeps the last good
 * answer; with nothing known yet, a placeholder; after a call that found nothing, 暂无直播.
 */
export function toChannelCard(
  id: string,
  record: ChannelRecord,
  reservations: Reservations,
  support: ChannelsSupport,
  now: number,
): ChannelCardResult {
  const kind = record.infoError === null ? null : classifyChannelError(record.infoError);
  if (kind === "hidden" && record.infoError !== null) {
    return {
      hidden: { id, code: record.infoError, reason: CHANNEL_ERRORS[record.infoError]?.meaning ?? "" },
    };
  }
  const info = kind === "empty" ? null : record.info;
  const notice = toNoticeView(record.notice, reservations, now);
  const base = {
    id,
    name: info?.nickname || record.notice?.nickname || CHANNEL_FALLBACK_NAME,
    avatar: info?.headUrl || record.notice?.headUrl || "",
    title: info?.description ?? "",
    notice,
    feedId: info?.feedId ?? "",
    nonceId: info?.nonceId ?? "",
  };
  if (!info) {
    const look: LiveLook =
      kind === "empty"
        ? { badge: 107, label: "暂无直播", text: notice ? "" : "暂时没有直播，敬请期待", action: "" }
        : kind === "transient"
          ? { badge: 107, label: "暂无信息", text: "直播信息暂时无法获取，请稍后下拉刷新", action: "" }
          : { badge: 107, label: "加载中", text: "", action: "" };
    return {
      card: { ...base, ...look, actionText: "", embed: false, loading: record.infoAt === 0 && kind === null },
    };
  }
  const look = liveLook(info);
  // <channel-live> jumps straight into a live or a replay; for anything else it lands on an end page
  const embed = support === "embed" && info.feedId !== "" && look.action !== "";
  // before 2.19.2 openChannelsLive needs feedId and nonceId; an answer without them cannot be opened
  const action = look.action !== "" && info.feedId !== "" && info.nonceId !== "" ? look.action : "";
  return {
    card: { ...base, ...look, action, actionText: ACTION_TEXT[action], embed, loading: false },
  };
}

/** A card whose 视频号 is live right now (it wears the live badge). */
export function isOnAir(card: ChannelCardView): boolean {
  return card.badge === 101;
}

/** Which cards a room-list tab shows (the plugin build shows 视频号 cards beside the rooms). */
export function inChannelTab(card: ChannelCardView, tab: RoomTab): boolean {
  switch (tab) {
    case "all":
      return true;
    case "live":
      return isOnAir(card);
    case "upcoming":
      return card.badge === 102 || card.notice?.state === "open" || card.notice?.state === "reserved";
    case "replay":
      return card.action === "replay";
  }
}

/** What a reserveChannelsLive `state` means for the shopper and for the reservation we remember. */
export interface ReserveOutcome {
  /** Toast text; "" when the shopper's own action needs no word from us. */
  message: string;
  /** Remember (true) or forget (false) the reservation; undefined leaves it as it was. */
  reserved?: boolean;
  /** What became of the notice, when the answer says. */
  notice?: "cancelled" | "gone";
}

/** Every documented state 1–10 (docs/channels-live.md, "Notices and reserving"). */
export const RESERVE_OUTCOMES: Readonly<Record<number, ReserveOutcome>> = {
  // the live is on: the popup offered to go there
  1: { message: "直播正在进行，随时可以去看" },
  2: { message: "" },
  3: { message: "这场直播预告已取消", reserved: false, notice: "cancelled" },
  4: { message: "这场直播已结束", reserved: false, notice: "gone" },
  5: { message: "" },
  6: { message: "预约成功，开播时微信会提醒你", reserved: true },
  7: { message: "已取消预约", reserved: false },
  // reserved before, popup closed: still reserved (this phone may not have known)
  8: { message: "", reserved: true },
  9: { message: "" },
  10: { message: "这场直播的预约已过期", reserved: false, notice: "gone" },
};

export function reserveOutcome(state: unknown): ReserveOutcome {
  const n = typeof state === "string" && /^\d+$/.test(state) ? Number(state) : state;
  return typeof n === "number" ? (RESERVE_OUTCOMES[n] ?? { message: "" }) : { message: "" };
}
