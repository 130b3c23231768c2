// The shopper's login with the gateway: wx.login's code traded for the gateway's token, which is kept
// in storage so an app restart does not log in again. A gateway call that answers 401 (token missing,
// expired, not valid) gets exactly one fresh login and one retry; a second 401 is returned to the
// caller as it is. Never a loop: a broken login must not hammer WeChat's quota (about 100 per minute).
import type { Answer } from '../api/gateway';
import { Gateway } from '../api/gateway';
import type { WxPort } from '../wx-port';
import { wxLogin } from './wx-login';

const TOKEN_KEY = 'merchantpay.session';

interface StoredSession {
  token: string;
  expiresAt?: string;
}

/** A login that failed at the gateway (or wx.login): the answer says why. */
export class LoginFailed extends Error {
  constructor(readonly answer: Answer<unknown> | undefined, detail: string) {
    super(detail);
    this.name = 'LoginFailed';
  }
}

export class Session {
  private renewal: Promise<string> | null = null;

  constructor(private readonly wx: WxPort, private readonly gateway: Gateway) {}

  /**
   * Runs a gateway call with the token; on 401 logs in once more and runs it once more. Throws
   * {@link LoginFailed} when a login itself fails (the shopper then sees why).
   */
  async authorized<A extends { ok: boolean; status: number }>(call: (token: string) => Promise<A>): Promise<A> {
    const refused = await this.token();
    const first = await call(refused);
    if (first.ok || first.status !== 401) {
      return first;
    }
    // Another call may have logged in again meanwhile: its token is the fresh one to use.
    const current = this.storedToken();
    return call(current && current !== refused ? current : await this.renew());
  }

  /** The stored token, or a new one when there is none. */
  async token(): Promise<string> {
    return this.storedToken() || this.renew();
  }

  private storedToken(): string | undefined {
    const stored = this.wx.getStorageSync(TOKEN_KEY) as StoredSession | '' | undefined;
    return stored && stored.token ? stored.token : undefined;
  }

  /** A fresh login; concurrent callers (the checkout and a long-poll, say) share one. */
  renew(): Promise<string> {
    if (!this.renewal) {
      this.forget();
      this.renewal = this.logIn().finally(() => {
        this.renewal = null;
      });
    }
    return this.renewal;
  }

  forget(): void {
    this.wx.removeStorageSync(TOKEN_KEY);
  }

  private async logIn(): Promise<string> {
    let code: string;
    try {
      code = await wxLogin(this.wx);
    } catch (e) {
      throw new LoginFailed(undefined, (e as Error).message);
    }
    const answer = await this.gateway.logIn(code);
    if (!answer.ok || !answer.value.token) {
      throw new LoginFailed(answer, `login answered ${answer.status}`);
    }
    const session: StoredSession = { token: answer.value.token, expiresAt: answer.value.expiresAt };
    this.wx.setStorageSync(TOKEN_KEY, session);
    return session.token;
  }
}
