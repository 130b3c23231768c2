// `wx` in Node for the end-to-end suite: wx.login gets a real code from the sandbox's WeChat,
// wx.request is real HTTP to the gateway (with wx's timeout and fail semantics), and the pay sheet
// tells the sandbox what the shopper did in WeChat: paid, payment failed, or closed the sheet.
import type { WxPort } from '../../app/wx-port';
import { Sandbox } from './sandbox';

/** What the shopper does when the pay sheet opens. */
export type ShopperAtPaySheet = 'pays' | 'payment-fails' | 'closes-sheet';

export interface Exchange {
  method: string;
  path: string;
  status: number | 'no answer';
}

export class WxShim implements WxPort {
  logins = 0;
  inFlight = 0;
  maxInFlight = 0;
  readonly exchanges: Exchange[] = [];
  readonly paySheets: WechatMiniprogram.RequestPaymentOption[] = [];
  readonly redirects: string[] = [];
  atPaySheet: ShopperAtPaySheet = 'pays';
  /** When set, the pay sheet stays open until this resolves (the shopper takes their time). */
  paySheetDelay: Promise<void> | undefined;

  constructor(private readonly sandbox: Sandbox, private readonly openid: string,
              readonly storage: Map<string, unknown> = new Map()) {}

  login(options: WechatMiniprogram.LoginOption): void {
    this.logins++;
    this.sandbox.mintLoginCode(this.openid).then(
      code => options.success && options.success({ code, errMsg: 'login:ok' }),
      error => options.fail && options.fail({ errMsg: `login:fail ${error.message}`, errno: 0 }));
  }

  request(options: WechatMiniprogram.RequestOption): unknown {
    const method = options.method || 'GET';
    const path = options.url.replace(/^https?:\/\/[^/]+/, '');
    this.inFlight++;
    this.maxInFlight = Math.max(this.maxInFlight, this.inFlight);
    const done = (status: Exchange['status']) => {
      this.inFlight--;
      this.exchanges.push({ method, path, status });
    };
    fetch(options.url, {
      method,
      headers: { 'Content-Type': 'application/json', ...(options.header as Record<string, string>) },
      body: options.data === undefined || method === 'GET' ? undefined : JSON.stringify(options.data),
      signal: AbortSignal.timeout(options.timeout || 60000),
    }).then(async response => {
      const text = await response.text();
      const headers: Record<string, string> = {};
      response.headers.forEach((value, name) => { headers[name] = value; });
      done(response.status);
      options.success && options.success({
        statusCode: response.status, data: parse(text), header: headers, cookies: [], errMsg: 'request:ok',
      } as unknown as WechatMiniprogram.RequestSuccessCallbackResult);
    }, (error: Error) => {
      done('no answer');
      // wx.request reports an expired timeout as "request:fail timeout".
      const errMsg = error.name === 'TimeoutError' ? 'request:fail timeout' : `request:fail ${error.message}`;
      options.fail && options.fail({ errMsg, errno: 0 } as unknown as WechatMiniprogram.RequestFailCallbackErr);
    });
    return {};
  }

  requestPayment(options: WechatMiniprogram.RequestPaymentOption): void {
    this.paySheets.push(options);
    const shopper = this.atPaySheet;
    (this.paySheetDelay || Promise.resolve()).then(async () => {
      // WeChat knows the order by its prepay id; so does the sandbox.
      const order = await this.sandbox.orderByPrepayId(options.package.replace(/^prepay_id=/, ''));
      if (shopper === 'pays') {
        await this.sandbox.pay(order.transactionId);
        options.success && options.success({ errMsg: 'requestPayment:ok' });
      } else if (shopper === 'payment-fails') {
        await this.sandbox.fail(order.transactionId);
        options.fail && options.fail({ errMsg: 'requestPayment:fail declined' });
      } else {
        options.fail && options.fail({ errMsg: 'requestPayment:fail cancel' });
      }
    }).catch(error => options.fail && options.fail({ errMsg: `requestPayment:fail ${error.message}` }));
  }

  getStorageSync(key: string): unknown {
    return this.storage.has(key) ? this.storage.get(key) : '';
  }

  setStorageSync(key: string, value: unknown): void {
    this.storage.set(key, JSON.parse(JSON.stringify(value)));
  }

  removeStorageSync(key: string): void {
    this.storage.delete(key);
  }

  redirectTo(options: WechatMiniprogram.RedirectToOption): void {
    this.redirects.push(options.url);
  }

  navigateTo(options: WechatMiniprogram.NavigateToOption): void {
    this.redirects.push(options.url);
  }

  /** How many exchanges matched, e.g. ('POST', '/api/v1/sessions'). */
  count(method: string, pathPrefix: string, status?: Exchange['status']): number {
    return this.exchanges.filter(exchange => exchange.method === method && exchange.path.startsWith(pathPrefix)
      && (status === undefined || exchange.status === status)).length;
  }
}

function parse(text: string): unknown {
  try {
    return text ? JSON.parse(text) : '';
  } catch {
    return text;
  }
}
