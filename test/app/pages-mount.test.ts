import { harness, setPageStack } from "../support/harness";
import { openPage, flush } from "../support/mount";

describe("pages mount and render", () => {
  test("room list renders rooms from the backend", async () => {
    harness.backend = () => ({
      statusCode: 200,
      data: {
        rooms: [
          {
            roomId: 1,
            name: "秋冬上新专场",
            coverImg: "",
            liveStatus: 101,
            startTime: 1,
            endTime: 2,
            anchorName: "小美",
            goods: [],
          },
        ],
        total: 1,
        updatedAt: 1,
        stale: false,
      },
    });
    const page = openPage("pages/rooms/rooms");
    await flush();
    expect(page.html()).toContain("秋冬上新专场");
  });

  test("room page shows the room id", () => {
    const page = openPage("packageA/pages/room/room", { query: { room_id: "12" } });
    expect(page.html()).toContain("12");
  });

  test("goods page without a key of the shop's says the link is broken", () => {
    setPageStack([]);
    const page = openPage("packageA/pages/goods/goods", { query: { room_id: "abc" } });
    expect(page.html()).toContain("商品链接有误");
  });
});
