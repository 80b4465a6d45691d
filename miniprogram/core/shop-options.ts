/**
 * Switches a shop sets once, here, before it builds the mini-program (README, "Replays").
 */
export const SHOP_OPTIONS = {
  /**
   * false (default): 看回放 opens WeChat's own replay, the plugin's live page of the ended room, with
   * its comments and nothing else required.
   * true: the room page plays the replay files (getliveinfo's get_replay) in its own `<video>`. Video
   * played in your own pages needs the video category and its licence (视频资质, e.g. 文娱-其他视频 with
   * 《信息网络传播视听节目许可证》) or review rejects the version; see docs/wechat-live.md, "Replays".
   */
  inPageReplayPlayer: false,
};
