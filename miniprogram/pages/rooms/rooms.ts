import type { Room } from "../../../typings/api";
import { fetchRooms } from "../../services/api";

Component({
  options: { pureDataPattern: /^_/ },
  data: {
    rooms: [] as Room[],
    state: "loading" as "loading" | "ready" | "empty" | "error",
    errorText: "",
  },
  methods: {
    onLoad() {
      void this.load();
    },
    async load() {
      try {
        const result = await fetchRooms(0);
        if (result.status === 304) return;
        const rooms = result.body.value.rooms;
        this.setData({ rooms, state: rooms.length > 0 ? "ready" : "empty" });
      } catch (err) {
        this.setData({ state: "error", errorText: err instanceof Error ? err.message : "加载失败" });
      }
    },
  },
});
