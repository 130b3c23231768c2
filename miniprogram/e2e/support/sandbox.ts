// The sandbox's test console: what WeChat does on the shopper's phone (a login code, the pay sheet's
// outcome) and what UseePay knows (its orders and how often it was asked to create one).
export interface SandboxOrder {
  transactionId: string;
  status: string;
  prepayId: string;
  amount: string;
  currency: string;
}

export class Sandbox {
  constructor(private readonly base: string) {}

  async mintLoginCode(openid: string): Promise<string> {
    const answer = await this.call('POST', '/sandbox/wechat/codes', { openid });
    return (answer as { code: string }).code;
  }

  pay(orderNo: string): Promise<unknown> {
    return this.call('POST', `/sandbox/orders/${orderNo}/pay`);
  }

  fail(orderNo: string): Promise<unknown> {
    return this.call('POST', `/sandbox/orders/${orderNo}/fail`);
  }

  orders(): Promise<SandboxOrder[]> {
    return this.call('GET', '/sandbox/orders') as Promise<SandboxOrder[]>;
  }

  async orderByPrepayId(prepayId: string): Promise<SandboxOrder> {
    const order = (await this.orders()).find(candidate => candidate.prepayId === prepayId);
    if (!order) throw new Error(`the sandbox holds no order with prepay id ${prepayId}`);
    return order;
  }

  async counters(orderNo: string): Promise<{ creates: number; queries: number }> {
    return this.call('GET', `/sandbox/counters/${orderNo}`) as Promise<{ creates: number; queries: number }>;
  }

  async setFaults(faults: object): Promise<void> {
    await this.call('PUT', '/sandbox/faults', faults);
  }

  async clearFaults(): Promise<void> {
    await this.call('DELETE', '/sandbox/faults');
  }

  private async call(method: string, path: string, body?: object): Promise<unknown> {
    const response = await fetch(this.base + path, {
      method,
      headers: body ? { 'Content-Type': 'application/json' } : {},
      body: body ? JSON.stringify(body) : undefined,
      signal: AbortSignal.timeout(30000),
    });
    const text = await response.text();
    if (!response.ok) throw new Error(`sandbox ${method} ${path} answered ${response.status}: ${text}`);
    return text ? JSON.parse(text) : undefined;
  }
}
