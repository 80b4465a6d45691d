import { parseGoodsId, parseRoomId } from "../../../core/query";

Component({
  data: { goodsId: 0, roomId: 0, invalid: false },
  methods: {
    onLoad(query: Record<string, string | undefined>) {
      const goodsId = parseGoodsId(query.goods_id);
      const roomId = parseRoomId(query.room_id) ?? 0;
      this.setData(goodsId === null ? { invalid: true, roomId } : { goodsId, roomId });
    },
  },
});
