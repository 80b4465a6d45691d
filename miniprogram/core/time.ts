/**
 * Times shown to shoppers, in Chinese, on Beijing time (the phone's local time).
 */
import dayjs from "dayjs";

/*
 * miniprogram-ci's npm build bundles only dayjs's main entry, so `dayjs/locale/zh-cn` does not exist
 * in miniprogram_npm. We register the zh-cn names ourselves (the data of dayjs's zh-cn locale).
 */
const ZH_CN: ILocale = {
  name: "zh-cn",
  weekdays: ["星期日", "星期一", "星期二", "星期三", "星期四", "星期五", "星期六"],
  weekdaysShort: ["周日", "周一", "周二", "周三", "周四", "周五", "周六"],
  weekdaysMin: ["日", "一", "二", "三", "四", "五", "六"],
  months: [
    "一月",
    "二月",
    "三月",
    "四月",
    "五月",
    "六月",
    "七月",
    "八月",
    "九月",
    "十月",
    "十一月",
    "十二月",
  ],
  monthsShort: ["1月", "2月", "3月", "4月", "5月", "6月", "7月", "8月", "9月", "10月", "11月", "12月"],
  ordinal: (n: number): string => `${n}日`,
  weekStart: 1,
  formats: {
    LT: "HH:mm",
    LTS: "HH:mm:ss",
    L: "YYYY/MM/DD",
    LL: "YYYY年M月D日",
    LLL: "YYYY年M月D日Ah点mm分",
    LLLL: "YYYY年M月D日ddddAh点mm分",
  },
  relativeTime: {
    future: "%s内",
    past: "%s前",
    s: "几秒",
    m: "1 分钟",
    mm: "%d 分钟",
    h: "1 小时",
    hh: "%d 小时",
    d: "1 天",
    dd: "%d 天",
    M: "1 个月",
    MM: "%d 个月",
    y: "1 年",
    yy: "%d 年",
  },
};
dayjs.locale(ZH_CN, undefined, true);

export function zh(input: number | Date): dayjs.Dayjs {
  return dayjs(input).locale("zh-cn");
}

/** Unix seconds → "今天 20:00" / "明天 09:30" / "昨天 18:00" / "11月30日 20:00" / "2027年1月2日 20:00". */
export function formatStartTime(unixSeconds: number, nowMs: number): string {
  const at = zh(unixSeconds * 1000);
  const today = zh(nowMs).startOf("day");
  const dayDiff = at.startOf("day").diff(today, "day");
  const clock = at.format("HH:mm");
  if (dayDiff === 0) return `今天 ${clock}`;
  if (dayDiff === 1) return `明天 ${clock}`;
  if (dayDiff === 2) return `后天 ${clock}`;
  if (dayDiff === -1) return `昨天 ${clock}`;
  if (at.year() === today.year()) return `${at.format("M月D日")} ${clock}`;
  return `${at.format("YYYY年M月D日")} ${clock}`;
}

/** Remaining milliseconds → "02:05:09" (hours may exceed 24 only if a caller lets them). */
export function formatCountdown(remainingMs: number): string {
  const total = Math.max(0, Math.ceil(remainingMs / 1000));
  const h = Math.floor(total / 3600);
  const m = Math.floor((total % 3600) / 60);
  const s = total % 60;
  return [h, m, s].map((v) => String(v).padStart(2, "0")).join(":");
}

/** "刚刚" / "3 分钟前" / "2 小时前" / "11月30日" for "更新于 …" notices. */
export function formatAge(thenMs: number, nowMs: number): string {
  const minutes = Math.floor(Math.max(0, nowMs - thenMs) / 60000);
  if (minutes < 1) return "刚刚";
  if (minutes < 60) return `${minutes} 分钟前`;
  const hours = Math.floor(minutes / 60);
  if (hours < 24) return `${hours} 小时前`;
  return zh(thenMs).format("M月D日");
}
