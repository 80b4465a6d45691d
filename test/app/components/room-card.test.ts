/** One card of the list, from the view core/room-list builds (the page owns routing and data). */
import type { LiveStatus } from "../../../typings/api";
import { toRoomCard, type RoomCardView } from "../../../miniprogram/core/room-list";
import { mountComponent, settle, type MountedComponent } from "../../support/mount";
import { NOW, room } from "../../support/fixtures/rooms";

beforeEach(() => {
  jest.useFakeTimers({ now: NOW });
});

afterEach(() => {
  jest.useRealTimers();
});

const mountCard = (view: RoomCardView): MountedComponent =>
  mountComponent("components/room-card/room-card", { view });

describe("room-card", () => {
  const statuses: LiveStatus[] = [101, 102, 103, 104, 105, 106, 107];

  test.each(statuses)("status %d has its own badge", (status) => {
    const card = mountCard(toRoomCard(room(1, { status, startIn: 2 * 86400 }), NOW));
    const html = card.html();
    expect(html).toContain(`status-tag--${status}`);
    for (const other of statuses.filter((s) => s !== status))
      expect(html).not.toContain(`status-tag--${other}`);
    // Only a live room pulses.
    expect(html.includes("status-tag__pulse")).toBe(status === 101);
  });

  test("shows name, anchor and start time", () => {
    const card = mountCard(toRoomCard(room(3, { status: 102, startIn: 86400 + 3600 }), NOW));
    expect(card.text(".card__name")).toBe("好物直播第3场");
    expect(card.text(".card__anchor")).toBe("主播 主播3");
    expect(card.text(".card__time")).toBe("明天 20:00 开播");
    expect(card.exists(".countdown")).toBe(false);
  });

  test("the first three goods thumbnails, then +N", () => {
    const card = mountCard(toRoomCard(room(1, { goods: 5 }), NOW));
    expect(card.comp.querySelectorAll(".card__thumb")).toHaveLength(4);
    expect(card.text(".card__more")).toBe("+2");
  });

  test("exactly three goods: no +N; no goods: no row", () => {
    const three = mountCard(toRoomCard(room(1, { goods: 3 }), NOW));
    expect(three.comp.querySelectorAll(".card__thumb")).toHaveLength(3);
    expect(three.exists(".card__more")).toBe(false);
    const none = mountCard(toRoomCard(room(2, { goods: 0 }), NOW));
    expect(none.exists(".card__goods")).toBe(false);
  });

  test("a cover lazy-loads through van-image; no cover shows a placeholder", () => {
    const withCover = mountCard(toRoomCard(room(1), NOW));
    const image = withCover.comp.querySelector("#cover");
    expect(image?.data).toMatchObject({ lazyLoad: true, src: room(1).coverImg, useLoadingSlot: true });

    const noCover = mountCard({ ...toRoomCard(room(2), NOW), cover: "" });
    expect(noCover.exists("#cover")).toBe(false);
    expect(noCover.text(".card__cover")).toBe("暂无封面已结束");
  });

  test("an upcoming room within 24 h counts down, and tells the page when it is due", async () => {
    const card = mountCard(toRoomCard(room(5, { status: 102, startIn: 2 }), NOW));
    expect(card.text(".card__time")).toBe("今天 19:00 开播距开播00:00:02");
    await jest.advanceTimersByTimeAsync(2000);
    await settle();
    expect(card.events).toEqual([{ name: "due", detail: { id: 5 } }]);
  });
});
