// The Mini Program's purchase against the real local stack (broker, registry, sandbox, the four
// services): its own screens, wx as a shim over real HTTP, WeChat and UseePay played by the sandbox.
import { Sandbox } from './support/sandbox';
import { CheckoutView, OrderView, pollUntil, recordViews, Shopper, viewUntil } from './support/shopper';
import { stackEnv } from './support/stack-env';

const env = stackEnv();
const sandbox = new Sandbox(env.sandboxUrl);
/** How long a decision may take to travel broker → services → gateway on this shared 2-core machine. */
const SETTLE_MS = 60000;
const shoppers: Shopper[] = [];

jest.setTimeout(180000);

function shopper(name: string, config = {}): Shopper {
  const created = new Shopper(env, sandbox, name, config);
  shoppers.push(created);
  return created;
}

afterEach(async () => {
  shoppers.splice(0).forEach(each => each.close());
  await sandbox.clearFaults();
});

/** Taps Pay on the checkout page and follows the redirect to the order page. */
async function checkOutAndPay(who: Shopper, basket: string): Promise<{ checkout: CheckoutView[]; orderUrl: string }> {
  const screen = who.checkoutScreen(basket);
  const seen = recordViews(screen);
  await screen.pay();
  await viewUntil(screen, view => view.phase === 'done', 'order page', SETTLE_MS);
  expect(who.wx.redirects).toHaveLength(1);
  return { checkout: seen, orderUrl: who.wx.redirects[0] };
}

function orderNoOf(url: string): string {
  return new URLSearchParams(url.split('?')[1]).get('orderNo') || '';
}

function final(state: OrderView['state']): (view: OrderView) => boolean {
  return view => view.state === state;
}

it('paid: the pay sheet succeeds and the order page shows "Paid" once the backend says PAID', async () => {
  const who = shopper('paid');
  const { orderUrl } = await checkOutAndPay(who, 'green-tea*2');
  expect(orderUrl).toMatch(/paySheet=ok$/);
  const orderNo = orderNoOf(orderUrl);

  const page = who.openOrderPage(orderUrl);
  const seen = recordViews(page);
  const paid = await viewUntil(page, final('PAID'), 'PAID', SETTLE_MS);

  expect(paid.headline).toBe('Paid');
  expect(seen.filter(view => view.headline === 'Paid').every(view => view.state === 'PAID')).toBe(true);
  const sheet = who.wx.paySheets[0];
  expect(Object.keys(sheet).filter(key => typeof (sheet as never)[key] === 'string').sort())
    .toEqual(['nonceStr', 'package', 'paySign', 'signType', 'timeStamp']);
  expect(sheet.package).toMatch(/^prepay_id=/);
  expect((await sandbox.counters(orderNo)).creates).toBe(1);
  expect(who.wx.maxInFlight).toBeLessThanOrEqual(10);
});

it('cancelled: the shopper closes the pay sheet, the order waits, then closes at expiry', async () => {
  const who = shopper('cancel');
  who.wx.atPaySheet = 'closes-sheet';
  const { orderUrl } = await checkOutAndPay(who, 'egg-tart*3');
  expect(orderUrl).toMatch(/paySheet=cancel$/);

  const page = who.openOrderPage(orderUrl);
  const waiting = await viewUntil(page, final('AWAITING_PAYMENT'), 'AWAITING_PAYMENT', SETTLE_MS);
  expect(waiting.message).toMatch(/You closed the payment/);
  expect(waiting.canPay).toBe(true);

  const closed = await viewUntil(page, final('CLOSED'), 'CLOSED', env.orderExpirySeconds * 1000 + SETTLE_MS);
  expect(closed.headline).toBe('Order closed');
  expect(closed.canPay).toBe(false);
  const atUseePay = (await sandbox.orders()).find(order => order.transactionId === page.view.orderNo);
  expect(atUseePay && atUseePay.status).toBe('closed');
});

it('payment failed: the backend\'s FAILED is shown, never "Paid"', async () => {
  const who = shopper('failed');
  who.wx.atPaySheet = 'payment-fails';
  const { orderUrl } = await checkOutAndPay(who, 'milk-tea*1');
  expect(orderUrl).toMatch(/paySheet=fail$/);

  const page = who.openOrderPage(orderUrl);
  const seen = recordViews(page);
  const failed = await viewUntil(page, final('FAILED'), 'FAILED', SETTLE_MS);
  expect(failed.headline).toBe('Payment failed');
  expect(seen.some(view => view.paid)).toBe(false);
});

it('a checkout that times out on the phone and is retried after an app restart is the same order, created once at UseePay', async () => {
  const before = new Set((await sandbox.orders()).map(order => order.transactionId));
  // UseePay slow (below order-service's 3 s timeout) and a phone that gives up after 1 s.
  await sandbox.setFaults({ addedLatency: 'PT2S' });
  const who = shopper('timeout', { requestTimeoutMs: 1000 });
  const first = who.checkoutScreen('gift-card*1');
  await first.pay();
  expect(first.view.phase).toBe('trouble');
  expect(first.view.payLabel).toBe('Try again');
  expect(who.wx.count('POST', '/api/v1/orders', 'no answer')).toBe(1);

  // The request did reach the gateway: UseePay gets the order although the phone never heard back.
  const created = await pollUntil(async () => (await sandbox.orders()).find(order => !before.has(order.transactionId)),
    'order at UseePay', SETTLE_MS);
  await sandbox.clearFaults();

  who.restart(); // killed and reopened: storage (token, the basket's Idempotency-Key) survives
  const { orderUrl } = await checkOutAndPay(who, 'gift-card*1');
  expect(orderNoOf(orderUrl)).toBe(created.transactionId);
  const page = who.openOrderPage(orderUrl);
  await viewUntil(page, final('PAID'), 'PAID', SETTLE_MS);

  const newOrders = (await sandbox.orders()).filter(order => !before.has(order.transactionId));
  expect(newOrders.map(order => order.transactionId)).toEqual([created.transactionId]);
  expect((await sandbox.counters(created.transactionId)).creates).toBe(1);
});

it('an expired login token mid-flow costs exactly one new login', async () => {
  const who = shopper('expired-token');
  let shopperPays: () => void = () => undefined;
  who.wx.paySheetDelay = new Promise(resolve => { shopperPays = resolve; });
  const screen = who.checkoutScreen('green-tea*1');
  const paying = screen.pay();
  await viewUntil(screen, view => view.phase === 'paying', 'pay sheet', SETTLE_MS);
  const token = (who.wx.storage.get('merchantpay.session') as { token: string }).token;

  // The shopper sits on the pay sheet until the gateway no longer takes the token.
  await pollUntil(async () => {
    const answer = await fetch(`${env.gatewayUrl}/api/v1/orders/${screen.view.orderNo}`, { headers: { Authorization: `Bearer ${token}` } });
    const body = await answer.json() as { code?: string };
    return answer.status === 401 && body.code === 'TOKEN_EXPIRED' ? true : undefined;
  }, 'token expiry', env.tokenTtlSeconds * 1000 + SETTLE_MS);
  shopperPays();
  await paying;

  const page = who.openOrderPage(who.wx.redirects[0]);
  await viewUntil(page, final('PAID'), 'PAID', SETTLE_MS);
  expect(who.wx.logins).toBe(2);
  expect(who.wx.count('POST', '/api/v1/sessions')).toBe(2);
  expect(who.wx.count('GET', '/api/v1/orders/', 401)).toBe(1);
});

it('202: a slow UseePay outlasts the gateway\'s verdict wait; the pay values come by long-poll', async () => {
  // The first pay call hangs past order-service's 3 s timeout; it recovers by query and pays again,
  // each reply 1.5 s late: well past the gateway's 5 s wait.
  await sandbox.setFaults({ rules: { PAY_TIMEOUT: { next: 1 } }, stall: 'PT20S', addedLatency: 'PT1.5S' });
  const who = shopper('accepted');
  const { checkout, orderUrl } = await checkOutAndPay(who, 'milk-tea*2');

  expect(who.wx.count('POST', '/api/v1/orders', 202)).toBe(1);
  expect(checkout.some(view => view.headline === 'Creating your order…')).toBe(true);
  expect(who.wx.count('GET', `/api/v1/orders/${orderNoOf(orderUrl)}?waitSeconds=25&knownState=CREATING`)).toBeGreaterThanOrEqual(1);
  expect(who.wx.paySheets).toHaveLength(1);
  expect(who.wx.paySheets[0].package).toMatch(/^prepay_id=/);

  const page = who.openOrderPage(orderUrl);
  await viewUntil(page, final('PAID'), 'PAID', SETTLE_MS);
});
