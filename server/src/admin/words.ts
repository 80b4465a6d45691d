/**
 * What the console says, in the operator's words: times in Beijing time, room statuses, why the last
 * refresh failed, what an audit entry did. Pure functions; the templates only place their results.
 */
import type { LiveStatus } from "../api/contract";
import { TOKEN_ERRCODES } from "../wechat/errors";
import type { ChannelAction, RoomAction } from "./choices";
import type { AuditEntry } from "./settings";

// China has no daylight saving time: Beijing time is always UTC+8
const BEIJING_OFFSET_MS = 8 * 3_600_000;

/** "2025-06-01 10:00" in Beijing time. */
export function beijingTime(ms: number): string {
  return new Date(ms + BEIJING_OFFSET_MS).toISOString().slice(0, 16).replace("T", " ");
}

/** "刚刚", "3 分钟前", "2 小时前", "5 天前"; a time ahead of the clock is "刚刚". */
export function ago(ms: number, now: number): string {
  const s = Math.floor((now - ms) / 1000);
  if (s < 60) return "刚刚";
  if (s < 3600) return `${Math.floor(s / 60)} 分钟前`;
  if (s < 86_400) return `${Math.floor(s / 3600)} 小时前`;
  return `${Math.floor(s / 86_400)} 天前`;
}

/** "25 分钟", "1 小时 5 分钟": how long a wait lasts (rounded up to a minute). */
export function duration(ms: number): string {
  const minutes = Math.max(1, Math.ceil(ms / 60_000));
  if (minutes < 60) return `${minutes} 分钟`;
  const rest = minutes % 60;
  return `${Math.floor(minutes / 60)} 小时${rest ? ` ${rest} 分钟` : ""}`;
}

/**
 * WeChat's live statuses (docs/wechat-live.md, "Room statuses and getLiveStatus") by the names WeChat's own back office
 * gives them, which operators know (未开始, 禁播…; the shoppers' words are the app's, core/live-status.ts),
 * with the badge tone the CSS knows. Keyed by the contract's LiveStatus: a new status does not compile
 * until it has a name here.
 */
const STATUSES: Record<LiveStatus, { text: string; tone: "live" | "soon" | "done" | "bad" }> = {
  101: { text: "直播中", tone: "live" },
  102: { text: "未开始", tone: "soon" },
  103: { text: "已结束", tone: "done" },
  104: { text: "禁播", tone: "bad" },
  105: { text: "暂停", tone: "bad" },
  106: { text: "异常", tone: "bad" },
  107: { text: "已过期", tone: "done" },
};

export function liveStatus(code: LiveStatus): { text: string; tone: string } {
  return STATUSES[code];
}

const TRANSPORT: Record<string, string> = {
  timeout: "微信没有在规定时间内应答",
  network: "连不上微信的服务器",
  bad_json: "微信的应答无法解析",
};

/**
 * Why the last list refresh failed (`describeWechatFailure` in wechat/errors.ts: "no_live_permission",
 * "<api> quota", "<api> <errcode>", "<api> timeout|network|bad_json|http_<status>", "internal").
 */
export function failureInWords(reason: string): string {
  if (reason === "no_live_permission") {
    return "没有直播权限：微信对直播接口回答 48001（api unauthorized）。请在小程序后台开通「小程序直播」，开通后下一次刷新即恢复；在此之前顾客看到的是上一次的列表（如果有）。";
  }
  if (reason === "internal") return "服务器内部错误，详见服务器日志。";
  const [api, detail = ""] = reason.split(" ");
  if (detail === "quota") {
    return "今日调用额度已用完：getliveinfo 的每日额度（微信的或 WX_DAILY_QUOTA）已用尽，北京时间零点后恢复；在此之前顾客看到的是上一次的列表。";
  }
  if (TRANSPORT[detail] !== undefined || detail.startsWith("http_")) {
    const what = TRANSPORT[detail] ?? `微信的服务器回答了 HTTP ${detail.slice(5)}`;
    return `连不上微信：${what}。多为网络或微信的临时故障，服务器会自动重试；在此之前顾客看到的是上一次的列表。`;
  }
  if (api === "stable_token") {
    return `微信拒绝发放 access_token（错误码 ${detail}）：请检查 WX_APPID、WX_APPSECRET，以及小程序后台的 IP 白名单。`;
  }
  if (TOKEN_ERRCODES.has(Number(detail))) {
    return `微信拒绝了 access_token（错误码 ${detail}），换新的之后仍被拒绝：请检查 WX_APPID 与 WX_APPSECRET 是否属于同一个小程序。`;
  }
  return `微信返回了错误码 ${detail}（${api}）。`;
}

const ROOM_ACTION_WORDS: Record<RoomAction, string> = {
  hide: "隐藏直播间",
  show: "显示直播间",
  pin: "置顶直播间",
  unpin: "取消置顶直播间",
  up: "上移置顶直播间",
  down: "下移置顶直播间",
};
const CHANNEL_ACTION_WORDS: Record<ChannelAction, string> = {
  add: "添加视频号",
  remove: "移除视频号",
  up: "上移视频号",
  down: "下移视频号",
};

/** "隐藏直播间 13", "添加视频号 sph…", "登录". */
export function auditInWords(entry: Pick<AuditEntry, "action" | "target">): string {
  const target = entry.target ? ` ${entry.target}` : "";
  if (entry.action === "sign_in") return "登录";
  if (entry.action === "sign_out") return "退出登录";
  if (entry.action === "refresh") return "立即刷新直播间列表";
  const [kind, action] = entry.action.split("_");
  const words: string | undefined =
    kind === "room" ? ROOM_ACTION_WORDS[action as RoomAction] : CHANNEL_ACTION_WORDS[action as ChannelAction];
  return `${words ?? entry.action}${target}`;
}
