// A scripted `wx` for page tests: storage in memory, wx.login hands out numbered codes, every
// wx.request waits in a queue until the test answers it (so a test can look at the page while a
// request is in flight), and the pay sheet answers as the test says.
import type { WxPort } from '../../app/wx-port';
import type { PaySheetResult } from '../../app/shop/pay-sheet';

export interface SentRequest {
  method: string;
  url: string;
  path: string;
  header: Record<string, string>;
  data: unknown;
  timeout: number;
  answer(status: number, body: unknown): void;
  fail(errMsg: string): void;
}

export class FakeWx implements WxPort {
  readonly storage = new Map<string, unknown>();
  readonly requests: SentRequest[] = [];
  readonly paySheets: WechatMiniprogram.RequestPaymentOption[] = [];
  readonly redirects: string[] = [];
  readonly navigations: string[] = [];
  logins = 0;
  inFlight = 0;
  maxInFlight = 0;
  /** What the next pay sheets answer; 'held' keeps the sheet open until closePaySheet(). */
  paySheetResult: PaySheetResult | 'held' = 'ok';
  private heldSheet: WechatMiniprogram.RequestPaymentOption | undefined;

  private readonly waiting: SentRequest[] = [];
  private readonly waiters: Array<(request: SentRequest) => void> = [];

  login(options: WechatMiniprogram.LoginOption): void {
    this.logins++;
    const code = `fake-login-code-${String(this.logins).padStart(4, '0')}`;
    Promise.resolve().then(() => options.success && options.success({ code, errMsg: 'login:ok' }));
  }

  request(options: WechatMiniprogram.RequestOption): unknown {
    this.inFlight++;
    this.maxInFlight = Math.max(this.maxInFlight, this.inFlight);
    let settled = false;
    const settle = (run: () => void) => {
      if (settled) throw new Error(`${options.method} ${options.url} answered twice`);
      settled = true;
      this.inFlight--;
      run();
    };
    const request: SentRequest = {
      method: options.method || 'GET',
      url: options.url,
      path: options.url.replace(/^https?:\/\/[^/]+/, ''),
      header: (options.header || {}) as Record<string, string>,
      data: options.data,
      timeout: options.timeout || 60000,
      answer: (status, body) => settle(() => options.success && options.success({
        statusCode: status, data: body as WechatMiniprogram.IAnyObject, header: {}, cookies: [], errMsg: 'request:ok',
      } as unknown as WechatMiniprogram.RequestSuccessCallbackResult)),
      fail: errMsg => settle(() => options.fail && options.fail({ errMsg, errno: 0 } as unknown as WechatMiniprogram.RequestFailCallbackErr)),
    };
    this.requests.push(request);
    const waiter = this.waiters.shift();
    if (waiter) waiter(request); else this.waiting.push(request);
    return {};
  }

  /** The next request the app sends (already sent, or when it is). */
  nextRequest(): Promise<SentRequest> {
    const sent = this.waiting.shift();
    return sent ? Promise.resolve(sent) : new Promise(resolve => this.waiters.push(resolve));
  }

  requestPayment(options: WechatMiniprogram.RequestPaymentOption): void {
    this.paySheets.push(options);
    const result = this.paySheetResult;
    if (result === 'held') {
      this.heldSheet = options;
      return;
    }
    this.answerSheet(options, result);
  }

  /** The shopper closes the held pay sheet with this result. */
  closePaySheet(result: PaySheetResult): void {
    const sheet = this.heldSheet;
    if (!sheet) throw new Error('no pay sheet is open');
    this.heldSheet = undefined;
    this.answerSheet(sheet, result);
  }

  private answerSheet(options: WechatMiniprogram.RequestPaymentOption, result: PaySheetResult): void {
    Promise.resolve().then(() => {
      if (result === 'ok') {
        options.success && options.success({ errMsg: 'requestPayment:ok' });
      } else {
        options.fail && options.fail({ errMsg: result === 'cancel' ? 'requestPayment:fail cancel' : 'requestPayment:fail system error' });
      }
    });
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
    this.navigations.push(options.url);
  }
}
