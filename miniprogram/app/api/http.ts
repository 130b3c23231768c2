// wx.request as a promise. wx.request calls `success` for every HTTP status (a 422 is a success to
// it), so the status is the caller's to judge; `fail` means no answer at all: a timeout, no network,
// the app backgrounded for 5 s.
import { WX_REQUEST_TIMEOUT_LIMIT_MS } from '../config';
import type { WxPort } from '../wx-port';
import { RequestSlots } from './request-slots';

export interface HttpCall {
  method: 'GET' | 'POST';
  url: string;
  headers?: Record<string, string>;
  body?: unknown;
  timeoutMs: number;
}

export interface HttpAnswer {
  status: number;
  body: unknown;
  headers: Record<string, string>;
}

/** No HTTP answer came back. The request may still have reached the gateway. */
export class NoAnswer extends Error {
  constructor(readonly timedOut: boolean, detail: string) {
    super(detail);
    this.name = 'NoAnswer';
  }
}

export class Http {
  constructor(private readonly wx: WxPort, private readonly slots: RequestSlots = new RequestSlots()) {}

  send(call: HttpCall): Promise<HttpAnswer> {
    if (call.timeoutMs <= 0 || call.timeoutMs >= WX_REQUEST_TIMEOUT_LIMIT_MS) {
      throw new Error(`timeout ${call.timeoutMs} ms is outside wx.request's (0, ${WX_REQUEST_TIMEOUT_LIMIT_MS}) ms`);
    }
    return this.slots.run(() => new Promise<HttpAnswer>((resolve, reject) => {
      this.wx.request({
        url: call.url,
        method: call.method,
        header: { Accept: 'application/json', ...(call.headers || {}) },
        data: call.body === undefined ? undefined : (call.body as WechatMiniprogram.IAnyObject),
        dataType: 'json',
        timeout: call.timeoutMs,
        success: result => resolve({
          status: result.statusCode,
          body: result.data,
          headers: lowerCaseKeys(result.header),
        }),
        fail: failure => reject(new NoAnswer(/timeout/i.test(failure.errMsg), failure.errMsg)),
      });
    }));
  }
}

function lowerCaseKeys(headers: WechatMiniprogram.IAnyObject | undefined): Record<string, string> {
  const lowered: Record<string, string> = {};
  Object.keys(headers || {}).forEach(name => {
    lowered[name.toLowerCase()] = String((headers as WechatMiniprogram.IAnyObject)[name]);
  });
  return lowered;
}
