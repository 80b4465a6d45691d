interface IAppOption {
  globalData: {
    /** How the shopper entered this launch (onLaunch), updated on each onShow from the background. */
    entry: import("../miniprogram/core/entry").EntryInfo | null;
    /** Share-card attribution read on the room page via getShareParams. */
    shareParams: {
      roomId: number;
      shareOpenid: string;
      customParams: Record<string, unknown> | null;
    } | null;
  };
}
