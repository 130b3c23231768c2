// wx.requestPayment with the five values exactly as the gateway sent them — `package` under that
// very name — and nothing added. Its result only chooses the words on the order page: a success
// callback is not proof of payment (WeChat's own rule), so "paid" comes from the backend alone.
import type { PayParameters } from '../api/gateway-types';
import type { WxPort } from '../wx-port';

export type PaySheetResult = 'ok' | 'cancel' | 'fail';

export function openPaySheet(wx: WxPort, payment: PayParameters | undefined): Promise<PaySheetResult> {
  if (!payment || !payment.timeStamp || !payment.nonceStr || !payment.package || !payment.paySign) {
    return Promise.resolve('fail'); // nothing WeChat could take; the order page explains
  }
  return new Promise(resolve => {
    wx.requestPayment({
      timeStamp: payment.timeStamp as string,
      nonceStr: payment.nonceStr as string,
      package: payment.package as string,
      // Passed through as received; the typings' union only names the values WeChat knows.
      signType: payment.signType as WechatMiniprogram.RequestPaymentOption['signType'],
      paySign: payment.paySign as string,
      success: () => resolve('ok'),
      fail: failure => resolve(/cancel/.test(failure.errMsg) ? 'cancel' : 'fail'),
    });
  });
}
