/**
 * Geometry of a custom navigation bar (`navigationStyle: custom`) that lines up with WeChat's capsule
 * menu button. Pure: the nav-bar component feeds it wx.getWindowInfo and
 * wx.getMenuButtonBoundingClientRect, which can fail or answer zeros on some devices and base libraries.
 */

export interface WindowInfoLike {
  statusBarHeight?: number;
  windowWidth?: number;
}

export interface MenuRectLike {
  top: number;
  left: number;
  right: number;
  width: number;
  height: number;
}

export interface NavBarLayout {
  /** Height of the status bar (notch / safe-area top), px. */
  statusBarHeight: number;
  /** Height of the bar itself below the status bar, px. */
  navHeight: number;
  /** statusBarHeight + navHeight: what the page must leave free at the top. */
  totalHeight: number;
  /** Left padding mirroring the capsule's right margin, px. */
  sidePadding: number;
  /** Room kept free on the right for WeChat's capsule, px. */
  menuSpace: number;
  /** Height of our left capsule, matching WeChat's, px. */
  capsuleHeight: number;
}

const FALLBACK_STATUS_BAR = 20;
const FALLBACK_NAV_HEIGHT = 44;
const FALLBACK_CAPSULE = { height: 32, width: 87, margin: 7 };

const isSize = (v: unknown): v is number => typeof v === "number" && Number.isFinite(v) && v >= 0;

export function computeNavBarLayout(
  windowInfo: WindowInfoLike | null | undefined,
  menu: MenuRectLike | null | undefined,
): NavBarLayout {
  const statusBarHeight = isSize(windowInfo?.statusBarHeight)
    ? windowInfo.statusBarHeight
    : FALLBACK_STATUS_BAR;
  const windowWidth =
    isSize(windowInfo?.windowWidth) && windowInfo.windowWidth > 0 ? windowInfo.windowWidth : 375;
  const menuUsable =
    menu !== null &&
    menu !== undefined &&
    isSize(menu.height) &&
    menu.height > 0 &&
    isSize(menu.top) &&
    menu.top >= statusBarHeight &&
    isSize(menu.left) &&
    isSize(menu.right) &&
    menu.right <= windowWidth &&
    menu.left < menu.right;
  if (!menuUsable) {
    return {
      statusBarHeight,
      navHeight: FALLBACK_NAV_HEIGHT,
      totalHeight: statusBarHeight + FALLBACK_NAV_HEIGHT,
      sidePadding: FALLBACK_CAPSULE.margin,
      menuSpace: FALLBACK_CAPSULE.width + FALLBACK_CAPSULE.margin * 2,
      capsuleHeight: FALLBACK_CAPSULE.height,
    };
  }
  // The capsule sits vertically centred in the bar, so the gap above it repeats below it.
  const gap = menu.top - statusBarHeight;
  const navHeight = gap * 2 + menu.height;
  const sidePadding = windowWidth - menu.right;
  return {
    statusBarHeight,
    navHeight,
    totalHeight: statusBarHeight + navHeight,
    sidePadding,
    menuSpace: windowWidth - menu.left + sidePadding,
    capsuleHeight: menu.height,
  };
}
