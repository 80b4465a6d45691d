/**
 * A custom navigation bar for pages with `navigationStyle: custom`: a left capsule (back, home) lined
 * up with WeChat's own capsule, and the title. The device geometry is read when the bar first attaches,
 * never at import time, and kept for the rest of the session (it does not change).
 */
import { computeNavBarLayout, type NavBarLayout } from "../../../core/nav-bar-layout";

let layout: NavBarLayout | null = null;

function readLayout(): NavBarLayout {
  if (layout) return layout;
  let windowInfo: { statusBarHeight?: number; windowWidth?: number } | null = null;
  let menu: WechatMiniprogram.ClientRect | null = null;
  try {
    windowInfo = wx.getWindowInfo();
  } catch {
    // Base libraries before 2.20.1 lack getWindowInfo; the layout falls back to common values.
  }
  try {
    menu = wx.getMenuButtonBoundingClientRect();
  } catch {
    // Some clients throw here (e.g. PC); the layout falls back to a standard capsule.
  }
  layout = computeNavBarLayout(windowInfo, menu);
  return layout;
}

Component({
  properties: {
    title: { type: String, value: "" },
    /** Show the back control (the page decides where "back" leads). */
    back: { type: Boolean, value: false },
    /** Label read by screen readers for the back control. */
    backLabel: { type: String, value: "返回" },
    home: { type: Boolean, value: false },
  },
  data: {
    statusBarHeight: 20,
    navHeight: 44,
    totalHeight: 64,
    sidePadding: 7,
    menuSpace: 101,
    capsuleHeight: 32,
  },
  lifetimes: {
    attached() {
      this.setData({ ...readLayout() });
    },
  },
  methods: {
    onBack() {
      this.triggerEvent("back");
    },
    onHome() {
      this.triggerEvent("home");
    },
  },
});
