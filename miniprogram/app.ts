import { isNewEntry, recordEntry } from "./core/entry";

/*
 * The app records how the shopper came in and never redirects: a shopper who scanned a room's code
 * (type=9) or tapped an article card (type=10) lands on the plugin's live page and must stay there.
 * Pages read globalData.entry and pass it on as attribution (core/entry attributionFor) in the
 * custom_params of the live pages they open.
 * getShareParams is not called here: the plugin lives in packageA and is unusable from app.ts; the
 * packageA pages read it once per entry (packageA/services/share-params.ts) into globalData.shareParams.
 */
App<IAppOption>({
  globalData: { entry: null, shareParams: null },
  onLaunch(options) {
    this.globalData.entry = recordEntry(options, Date.now());
  },
  onShow(options) {
    // WeChat repeats the launch options in the first onShow; only a new scan, card or path from the
    // background is a new entry.
    if (isNewEntry(this.globalData.entry, options)) {
      this.globalData.entry = recordEntry(options, Date.now());
    }
  },
});
