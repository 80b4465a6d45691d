/**
 * The emulator's catalogue: realistic rooms in WeChat's own shape. Times are relative to the
 * emulator's epoch `t0` (unix seconds) so status changes happen at known clock offsets.
 */

export interface EmuGoods {
  goods_id: number;
  name: string;
  /**
   * The goods page URL as the shop registered it (goods/add): its own page and its own product key,
   * unrelated to the goods_id WeChat assigned later; query values URL-encoded, as goods/add requires.
   */
  url: string;
  price: number;
  price2?: number;
  price_type: 1 | 2 | 3;
}

export interface EmuRoom {
  roomid: number;
  name: string;
  anchor_name: string;
  start_time: number;
  end_time: number;
  /** 104..107 are set by WeChat's staff or the merchant; 101/102/103 follow the clock. */
  fixed_status?: 104 | 105 | 106 | 107;
  goods: number[];
  live_type: number;
  close_like: number;
  close_goods: number;
  close_comment: number;
  close_kf: number;
  close_replay: number;
  is_feeds_public: number;
  /** How many replay files exist once the room has ended (and 10 minutes have passed). */
  replays: number;
}

/** One goods still uses `goods_id` as the shop's key (103); two carry an encoded Chinese value (105, 110). */
export const SAMPLE_GOODS: EmuGoods[] = [
  {
    goods_id: 101,
    name: "明前龙井 250g 礼盒装",
    url: "packageA/pages/goods/goods?id=8812",
    price: 26800,
    price_type: 1,
  },
  {
    goods_id: 102,
    name: "手冲咖啡壶套装（含滤杯）",
    url: "packageA/pages/goods/goods?sku=A-12&color=red",
    price: 15900,
    price2: 29900,
    price_type: 2,
  },
  {
    goods_id: 103,
    name: "精品挂耳咖啡 10 袋",
    url: "packageA/pages/goods/goods?goods_id=103",
    price: 9900,
    price2: 6900,
    price_type: 3,
  },
  {
    goods_id: 104,
    name: "竹纤维收纳篮 三件套",
    url: "packageA/pages/goods/goods?id=5120",
    price: 3990,
    price_type: 1,
  },
  {
    goods_id: 105,
    name: "大豆香薰蜡烛 220g",
    url: "packageA/pages/goods/goods?sku=C-220&scent=%E6%9C%A8%E8%B4%A8%E8%B0%83",
    price: 12800,
    price2: 8800,
    price_type: 3,
  },
  {
    goods_id: 106,
    name: "婴儿纯棉连体衣",
    url: "packageA/pages/goods/goods?id=6031&size=73cm",
    price: 5900,
    price2: 8900,
    price_type: 2,
  },
  {
    goods_id: 107,
    name: "玻尿酸保湿面霜 50ml",
    url: "packageA/pages/goods/goods?id=7007",
    price: 19900,
    price_type: 1,
  },
  {
    goods_id: 108,
    name: "Type-C 快充数据线 1.5m",
    url: "packageA/pages/goods/goods?sku=TC-150",
    price: 4900,
    price2: 2900,
    price_type: 3,
  },
  {
    goods_id: 109,
    name: "低筋面粉 1kg",
    url: "packageA/pages/goods/goods?id=9090",
    price: 1590,
    price_type: 1,
  },
  {
    goods_id: 110,
    name: "户外折叠椅 月亮椅",
    url: "packageA/pages/goods/goods?sku=OD-M1&color=%E5%A2%A8%E7%BB%BF",
    price: 8900,
    price2: 15900,
    price_type: 2,
  },
];

const MIN = 60;
const HOUR = 3600;
const DAY = 86400;

const base = {
  live_type: 0,
  close_like: 0,
  close_goods: 0,
  close_comment: 0,
  close_kf: 0,
  close_replay: 0,
  is_feeds_public: 1,
  replays: 0,
};

export function sampleRooms(t0: number): EmuRoom[] {
  return [
    {
      ...base,
      roomid: 22,
      name: "春季新品发布会 · 限时秒杀",
      anchor_name: "小林店长",
      start_time: t0 - 30 * MIN,
      end_time: t0 + 2 * HOUR,
      goods: [101, 103, 107],
    },
    {
      // the scripted room: 102 now, 101 at t0+10 min, 103 at t0+40 min, replay at t0+50 min
      ...base,
      roomid: 21,
      name: "店长直播：手冲咖啡入门",
      anchor_name: "阿杰",
      start_time: t0 + 10 * MIN,
      end_time: t0 + 40 * MIN,
      goods: [102, 103],
      replays: 1,
    },
    {
      ...base,
      roomid: 20,
      name: "周末家居好物专场",
      anchor_name: "家居买手 Mia",
      start_time: t0 + DAY,
      end_time: t0 + DAY + 2 * HOUR,
      goods: [104, 105],
      is_feeds_public: 0,
    },
    {
      ...base,
      roomid: 19,
      name: "茶山溯源：明前龙井开采",
      anchor_name: "茶农老周",
      start_time: t0 - DAY,
      end_time: t0 - DAY + 2 * HOUR,
      goods: [101],
      replays: 2,
    },
    {
      ...base,
      roomid: 18,
      name: "母婴用品答疑专场",
      anchor_name: "育婴师王老师",
      start_time: t0 - 2 * HOUR,
      end_time: t0 + HOUR,
      fixed_status: 104,
      goods: [106],
    },
    {
      ...base,
      roomid: 17,
      name: "秋冬护肤课堂",
      anchor_name: "美妆顾问 Lily",
      start_time: t0 - 3 * HOUR,
      end_time: t0 + 3 * HOUR,
      fixed_status: 105,
      goods: [107],
      close_comment: 1,
    },
    {
      ...base,
      roomid: 16,
      name: "数码配件开箱",
      anchor_name: "科技宅小马",
      start_time: t0 - 4 * HOUR,
      end_time: t0 + 4 * HOUR,
      fixed_status: 106,
      goods: [108],
      live_type: 1,
    },
    {
      ...base,
      roomid: 15,
      name: "烘焙小课堂：戚风蛋糕",
      anchor_name: "烘焙师 Coco",
      start_time: t0 - 3 * DAY,
      end_time: t0 - 3 * DAY + 90 * MIN,
      goods: [109],
      replays: 1,
    },
    {
      ...base,
      roomid: 14,
      name: "户外露营装备分享",
      anchor_name: "露营达人大刘",
      start_time: t0 - 5 * DAY,
      end_time: t0 - 5 * DAY + 2 * HOUR,
      goods: [110],
      close_replay: 1,
    },
    {
      ...base,
      roomid: 13,
      name: "年货节预热直播",
      anchor_name: "小林店长",
      start_time: t0 - 60 * DAY,
      end_time: t0 - 60 * DAY + 3 * HOUR,
      fixed_status: 107,
      goods: [101, 105],
    },
  ];
}

/** `count` plain rooms for paging tests, newest first by id, cycling through all seven statuses. */
export function generatedRooms(t0: number, count: number): EmuRoom[] {
  const rooms: EmuRoom[] = [];
  const fixed = [undefined, undefined, undefined, 104, 105, 106, 107] as const;
  for (let i = 0; i < count; i++) {
    const kind = i % 7; // 0: live, 1: upcoming, 2: ended, 3..6: fixed statuses
    const start = kind === 1 ? t0 + DAY + i * MIN : t0 - (i + 1) * HOUR;
    const end = kind === 2 ? start + 30 * MIN : t0 + 2 * DAY;
    rooms.push({
      ...base,
      roomid: 1000 + count - i,
      name: `测试直播间 #${i + 1}`,
      anchor_name: `主播${(i % 9) + 1}号`,
      start_time: start,
      end_time: end,
      fixed_status: fixed[kind],
      goods: [SAMPLE_GOODS[i % SAMPLE_GOODS.length].goods_id],
      replays: kind === 2 ? 1 : 0,
    });
  }
  return rooms;
}
