import { recordEntry } from "./core/entry";

/*
 * The app records how the shopper came in and never redirects: a shopper who scanned a room's code
 * (type=9) or tapped an article card (type=10) lands on the plugin's live page and must stay there.
 * getShareParams is not called here: the plugin lives in packageA and is unusable from app.ts.
 */
App<IAppOption>({
  globalData: { entry: null, shareParams: null },
  onLaunch(options) {
    this.globalData.entry = recordEntry(options, Date.now());
  },
  onShow(options) {
    // Coming back from the background with a new scene (e.g. a share card) is a new entry.
    const previous = this.globalData.entry;
    if (!previous || previous.scene !== options.scene || previous.path !== options.path) {
      this.globalData.entry = recordEntry(options, Date.now());
    }
  },
});
