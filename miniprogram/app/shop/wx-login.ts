// wx.login as a promise: a fresh code, valid 5 minutes and usable once.
import type { WxPort } from '../wx-port';

export function wxLogin(wx: WxPort): Promise<string> {
  return new Promise((resolve, reject) => {
    wx.login({
      success: result => (result.code ? resolve(result.code) : reject(new Error('wx.login gave no code'))),
      fail: failure => reject(new Error(failure.errMsg)),
    });
  });
}
