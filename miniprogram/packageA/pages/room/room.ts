import { parseRoomId } from "../../../core/query";

Component({
  data: { roomId: 0, invalid: false },
  methods: {
    onLoad(query: Record<string, string | undefined>) {
      const roomId = parseRoomId(query.room_id);
      this.setData(roomId === null ? { invalid: true } : { roomId });
    },
  },
});
