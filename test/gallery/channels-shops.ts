/** The gallery's 视频号: four shops with ids, names and avatars, served through the fake 视频号 world. */
import { harness } from "../support/harness";
import type { ErrorAnswer, LiveInfoAnswer } from "../support/fake-channels";
import { NOW_S } from "../support/fixtures/rooms";

export const SHOPS = [
  { id: "sphLinCashmere01", nickname: "小林的羊绒店" },
  { id: "sphShanyeTea0002", nickname: "山野茶舍" },
  { id: "sphAmayHome00003", nickname: "阿May家居" },
  { id: "sphOrangeFresh04", nickname: "橙子生鲜" },
] as const;

const avatar = (n: number): string => `https://wx.qlogo.cn/finderhead/avatar_${n}.jpg`;

/** The backend lists these shops (by index, in order); WeChat answers each with its live or an error. */
export function showShops(answers: Record<number, Partial<LiveInfoAnswer> | ErrorAnswer>): void {
  const entries = Object.entries(answers).map(([key, answer]) => {
    const n = Number(key);
    const live: LiveInfoAnswer | ErrorAnswer =
      "errCode" in answer
        ? answer
        : { status: 2, description: "", nickname: SHOPS[n].nickname, headUrl: avatar(n), ...answer };
    return [SHOPS[n].id, live] as const;
  });
  harness.channels.configure(Object.fromEntries(entries));
}

/** Shop `n` has a notice starting `inSeconds` from the gallery's clock. */
export function announce(n: number, inSeconds: number, reservable = true): string {
  const noticeId = `notice_${n}`;
  harness.channels.notices.set(SHOPS[n].id, {
    noticeId,
    status: 0,
    startTime: NOW_S + inSeconds,
    reservable,
    nickname: SHOPS[n].nickname,
    headUrl: avatar(n),
  });
  return noticeId;
}
