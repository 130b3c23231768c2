// The gateway's three operations, typed from its OpenAPI document. Each answer is either the
// documented success body or the problem+json document the gateway sends for everything else;
// deciding what to do about a problem is the caller's business.
import type { ShopConfig } from '../config';
import type {
  BasketItem, CheckoutCreated, CheckoutPending, CheckoutRequest, LoginAnswer, LoginRequest, OrderStatus, Problem,
  StatusQuery,
} from './gateway-types';
import { Http, HttpAnswer } from './http';

export type Answer<T> =
  | { ok: true; status: number; value: T }
  | { ok: false; status: number; problem: Problem };

export type CheckoutAnswer =
  | { ok: true; status: 201; value: CheckoutCreated }
  | { ok: true; status: 202; value: CheckoutPending }
  | { ok: false; status: number; problem: Problem };

export class Gateway {
  constructor(private readonly http: Http, private readonly config: ShopConfig) {}

  /** POST /api/v1/sessions with a wx.login code. */
  async logIn(code: string): Promise<Answer<LoginAnswer>> {
    const body: LoginRequest = { code };
    const answer = await this.http.send({
      method: 'POST', url: this.url('/api/v1/sessions'), body, timeoutMs: this.config.requestTimeoutMs,
    });
    return answer.status === 200 ? success(answer, answer.body as LoginAnswer) : failure(answer);
  }

  /** POST /api/v1/orders: the same Idempotency-Key always names the same order. */
  async checkOut(token: string, idempotencyKey: string, items: BasketItem[]): Promise<CheckoutAnswer> {
    const body: CheckoutRequest = { items };
    const answer = await this.http.send({
      method: 'POST',
      url: this.url('/api/v1/orders'),
      headers: { Authorization: `Bearer ${token}`, 'Idempotency-Key': idempotencyKey },
      body,
      timeoutMs: this.config.requestTimeoutMs,
    });
    if (answer.status === 201) {
      return { ok: true, status: 201, value: answer.body as CheckoutCreated };
    }
    if (answer.status === 202) {
      return { ok: true, status: 202, value: answer.body as CheckoutPending };
    }
    return failure(answer);
  }

  /**
   * GET /api/v1/orders/{orderNo}. With `knownState` and `waitSeconds` the gateway holds the request
   * until the order leaves that state or the wait runs out (then it answers the unchanged state).
   */
  async orderStatus(token: string, orderNo: string, query: StatusQuery): Promise<Answer<OrderStatus>> {
    const waitSeconds = query.waitSeconds || 0;
    const answer = await this.http.send({
      method: 'GET',
      url: this.url(`/api/v1/orders/${encodeURIComponent(orderNo)}${queryString(query)}`),
      headers: { Authorization: `Bearer ${token}` },
      timeoutMs: waitSeconds > 0 ? this.config.longPollTimeoutMs : this.config.requestTimeoutMs,
    });
    return answer.status === 200 ? success(answer, answer.body as OrderStatus) : failure(answer);
  }

  private url(path: string): string {
    return this.config.gatewayUrl + path;
  }
}

function queryString(query: StatusQuery): string {
  const pairs: string[] = [];
  if (query.waitSeconds !== undefined) pairs.push(`waitSeconds=${query.waitSeconds}`);
  if (query.knownState !== undefined) pairs.push(`knownState=${query.knownState}`);
  return pairs.length ? `?${pairs.join('&')}` : '';
}

function success<T>(answer: HttpAnswer, value: T): Answer<T> {
  return { ok: true, status: answer.status, value };
}

/** A problem document as sent, or one made up when a proxy answered with something else. */
function failure(answer: HttpAnswer): { ok: false; status: number; problem: Problem } {
  const body = answer.body;
  if (body && typeof body === 'object' && typeof (body as Problem).code === 'string') {
    return { ok: false, status: answer.status, problem: body as Problem };
  }
  return { ok: false, status: answer.status, problem: { status: answer.status, title: `HTTP ${answer.status}` } };
}
