/**
 * Which live source this build carries. This file says `true` (the plugin build: 小程序直播 rooms and
 * 视频号 cards side by side); `npm run build -- --no-plugin` compiles a copy of the project in which it
 * says `false` (视频号 cards only, no plugin anywhere). See README "Choosing the live source".
 */
export const LIVE_PLUGIN: boolean = true;
