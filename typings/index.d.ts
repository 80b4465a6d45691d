interface IAppOption {
  globalData: {
    /** How the shopper entered this launch (onLaunch), updated on each onShow from the background. */
    entry: import("../miniprogram/core/entry").EntryInfo | null;
    /**
     * The live plugin's share params for the current entry, asked once per entry by a packageA page
     * (packageA/services/share-params.ts). All null when the plugin had none for this entry.
     */
    shareParams: {
      /** The enter options they were asked for; a new entry asks again. */
      entry: string;
      roomId: number | null;
      /** Who shared, as a sharer id (core/sharer): the raw openid is never kept. */
      sharer: string | null;
      customParams: Record<string, unknown> | null;
    } | null;
  };
}
