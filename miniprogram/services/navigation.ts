/**
 * Carries out the navigation decided by core/navigation.ts: the one place that calls wx.navigateBack,
 * wx.navigateTo and wx.redirectTo. A failure tells the shopper with a toast and resolves false; the
 * action types have no reLaunch or switchTab, so nothing here can close the live 小窗.
 */
import type { NavAction, StackPage } from "../core/navigation";

export const NAVIGATION_FAILED = "页面打开失败，请稍后重试";

export interface NavigateOptions {
  /** The toast on failure; false for none (the caller handles it). */
  toast?: string | false;
}

/** Resolves true once WeChat has opened the page, false when it refused. */
export function navigate(action: NavAction, options: NavigateOptions = {}): Promise<boolean> {
  const toast = options.toast ?? NAVIGATION_FAILED;
  return new Promise((resolve) => {
    const success = (): void => resolve(true);
    const fail = (): void => {
      if (toast) wx.showToast({ title: toast, icon: "none", fail: () => undefined });
      resolve(false);
    };
    switch (action.kind) {
      case "navigateBack":
        wx.navigateBack({ delta: action.delta, success, fail });
        break;
      case "navigateTo":
        wx.navigateTo({ url: action.url, success, fail });
        break;
      case "redirectTo":
        wx.redirectTo({ url: action.url, success, fail });
        break;
    }
  });
}

/** The page stack as core/navigation reads it: routes and queries, the current page last. */
export function currentStack(): StackPage[] {
  try {
    return getCurrentPages().map((page) => ({ route: page.route, options: page.options }));
  } catch {
    return [];
  }
}
