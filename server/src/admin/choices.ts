/**
 * What the console's buttons do to the shop's choices, as pure functions: hide, show, pin, unpin and
 * reorder rooms; add, remove and reorder 视频号 ids. Each answers the new value, the same value when
 * nothing changes (a second click on 隐藏 is not an error), or throws ChoiceError with the reason in the
 * operator's words.
 */
import { MAX_FINDER_IDS, finderIdProblem } from "../channels/finder-ids";
import type { RoomChoices } from "../rooms/rooms-service";

/** A change the operator cannot make; the message is Chinese, shown on the page as it is. */
export class ChoiceError extends Error {
  override name = "ChoiceError";
}

export const ROOM_ACTIONS = ["hide", "show", "pin", "unpin", "up", "down"] as const;
export type RoomAction = (typeof ROOM_ACTIONS)[number];
export const CHANNEL_ACTIONS = ["add", "remove", "up", "down"] as const;
export type ChannelAction = (typeof CHANNEL_ACTIONS)[number];

/** More pinned rooms than fit on a phone's first screen or two helps nobody; the cap keeps forms bounded. */
export const MAX_PINNED = 20;
/** Room ids WeChat no longer lists can stay hidden; the cap bounds the stored value. */
export const MAX_HIDDEN = 500;

const without = (list: readonly number[], id: number): number[] => list.filter((x) => x !== id);

/** `list` with `item` moved one place towards the front (-1) or the back (+1); unchanged at an end. */
function moved<T>(list: readonly T[], item: T, by: -1 | 1): readonly T[] {
  const at = list.indexOf(item);
  const to = at + by;
  if (to < 0 || to >= list.length) return list;
  const next = [...list];
  [next[at], next[to]] = [next[to], next[at]];
  return next;
}

/**
 * Applies a room action. `known` is every room id WeChat lists now: a room can be hidden or pinned only
 * if WeChat knows it, while showing, unpinning and reordering also work for ids it no longer lists (so
 * the operator can clear them).
 */
export function applyRoomAction(
  choices: RoomChoices,
  action: RoomAction,
  roomId: number,
  known: ReadonlySet<number>,
): RoomChoices {
  const { hidden, pinned } = choices;
  if ((action === "hide" || action === "pin") && !known.has(roomId)) {
    throw new ChoiceError(`微信的直播间列表里没有 ${roomId}，无法${action === "hide" ? "隐藏" : "置顶"}`);
  }
  switch (action) {
    case "hide":
      if (hidden.includes(roomId)) return choices;
      if (hidden.length >= MAX_HIDDEN) throw new ChoiceError(`最多隐藏 ${MAX_HIDDEN} 个直播间`);
      return { hidden: [...hidden, roomId], pinned };
    case "show":
      return hidden.includes(roomId) ? { hidden: without(hidden, roomId), pinned } : choices;
    case "pin":
      if (pinned.includes(roomId)) return choices;
      if (pinned.length >= MAX_PINNED) throw new ChoiceError(`最多置顶 ${MAX_PINNED} 个直播间`);
      return { hidden, pinned: [...pinned, roomId] };
    case "unpin":
      return pinned.includes(roomId) ? { hidden, pinned: without(pinned, roomId) } : choices;
    case "up":
    case "down": {
      if (!pinned.includes(roomId)) throw new ChoiceError(`直播间 ${roomId} 没有置顶，不能调整顺序`);
      const next = moved(pinned, roomId, action === "up" ? -1 : 1);
      return next === pinned ? choices : { hidden, pinned: next };
    }
  }
}

/** The reason a typed 视频号 id is refused, in the operator's words (channels/finder-ids.ts has the rules). */
function finderIdRefusal(id: string): string | undefined {
  const problem = finderIdProblem(id);
  if (!problem) return undefined;
  if (problem.kind === "space") return `第 ${problem.position} 个字符是空格：请从视频号助手重新复制视频号 ID`;
  if (problem.kind === "invisible") {
    return `第 ${problem.position} 个字符是看不见的字符（${problem.codePoint}）：请从视频号助手重新复制视频号 ID`;
  }
  return "这不是视频号 ID：应以 sph 开头，后面是字母和数字，例如 sphcqO59YEPCvoe";
}

/** Applies a 视频号 action to the ids in display order; `finderId` is what the operator typed or picked. */
export function applyChannelAction(
  ids: readonly string[],
  action: ChannelAction,
  finderId: string,
): readonly string[] {
  const id = finderId.trim();
  if (action === "add") {
    if (id === "") throw new ChoiceError("请填写视频号 ID");
    const refusal = finderIdRefusal(id);
    if (refusal) throw new ChoiceError(refusal);
    if (ids.includes(id)) throw new ChoiceError(`${id} 已在列表中`);
    if (ids.length >= MAX_FINDER_IDS) throw new ChoiceError(`最多 ${MAX_FINDER_IDS} 个视频号`);
    return [...ids, id];
  }
  if (action === "remove") return ids.includes(id) ? ids.filter((x) => x !== id) : ids;
  if (!ids.includes(id)) throw new ChoiceError(`列表里没有 ${id}`);
  return moved(ids, id, action === "up" ? -1 : 1);
}
