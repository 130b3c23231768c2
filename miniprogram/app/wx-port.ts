// The parts of `wx` the shop uses. The Mini Program passes the real `wx` (checked against
// miniprogram-api-typings where app.ts wires it); tests pass a fake, the end-to-end suite a shim
// that speaks real HTTP to the local stack.
export interface WxPort {
  login(options: WechatMiniprogram.LoginOption): void;
  request(options: WechatMiniprogram.RequestOption): unknown;
  requestPayment(options: WechatMiniprogram.RequestPaymentOption): void;
  getStorageSync(key: string): unknown;
  setStorageSync(key: string, value: unknown): void;
  removeStorageSync(key: string): void;
  redirectTo(options: WechatMiniprogram.RedirectToOption): void;
  navigateTo(options: WechatMiniprogram.NavigateToOption): void;
}
