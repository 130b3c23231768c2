import { FakeWx } from './support/fake-wx';
import { openPage, shopOn, textOf, until, isDisabled, tap } from './support/pages';

const PAY = { timeStamp: '1767225600', nonceStr: 'n0nce', package: 'prepay_id=wx123', signType: 'RSA', paySign: 'c2lnbg==' };
const BASKET = { basket: 'green-tea*2,egg-tart*1' };

async function loggedIn(wx: FakeWx): Promise<void> {
  (await wx.nextRequest()).answer(200, { token: 'token-1', expiresAt: '2030-01-01T00:00:00Z' });
}

describe('checkout page', () => {
  it('shows the basket and disables Pay while the checkout is in flight; a second tap sends nothing', async () => {
    const wx = new FakeWx();
    shopOn(wx);
    const page = openPage('checkout', BASKET);
    expect(page.dom!.textContent).toMatch(/Green tea\s*× 2/);
    expect(page.dom!.textContent).toMatch(/Egg tart\s*× 1/);
    expect(isDisabled(page, '.pay')).toBe(false);

    tap(page, '.pay');
    await loggedIn(wx);
    const checkout = await wx.nextRequest();
    expect(textOf(page, '.headline')).toBe('Placing your order…');
    expect(isDisabled(page, '.pay')).toBe(true);
    tap(page, '.pay');

    expect(checkout.method + ' ' + checkout.path).toBe('POST /api/v1/orders');
    expect(checkout.header['Idempotency-Key']).toBe('basket-key-0001');
    expect(checkout.header.Authorization).toBe('Bearer token-1');
    expect(checkout.data).toEqual({ items: [{ productId: 'green-tea', quantity: 2 }, { productId: 'egg-tart', quantity: 1 }] });
    checkout.answer(201, { orderNo: 'MPA', state: 'AWAITING_PAYMENT', payment: PAY });
    await until(() => wx.redirects.length === 1, 'order page');
    expect(wx.requests).toHaveLength(2);
  });

  it.each(['ok', 'cancel', 'fail'] as const)('201 → pay sheet with the five values as received; after "%s" the order page asks the backend', async result => {
    const wx = new FakeWx();
    wx.paySheetResult = result;
    shopOn(wx);
    const page = openPage('checkout', BASKET);
    tap(page, '.pay');
    await loggedIn(wx);
    (await wx.nextRequest()).answer(201, { orderNo: 'MPB', state: 'AWAITING_PAYMENT', payment: PAY });

    await until(() => wx.redirects.length === 1, 'order page');
    const { success, fail, complete, ...values } = wx.paySheets[0];
    expect(values).toEqual(PAY);
    expect(wx.redirects[0]).toBe(`/pages/order/index?orderNo=MPB&paySheet=${result}`);
    expect(page.dom!.textContent).not.toMatch(/\bPaid\b/);
  });

  it('202 → long-polls the order until the pay values arrive, then opens the pay sheet', async () => {
    const wx = new FakeWx();
    shopOn(wx);
    const page = openPage('checkout', BASKET);
    tap(page, '.pay');
    await loggedIn(wx);
    (await wx.nextRequest()).answer(202, { orderNo: 'MPC', state: 'CREATING' });

    const poll = await wx.nextRequest();
    expect(poll.path).toBe('/api/v1/orders/MPC?waitSeconds=25&knownState=CREATING');
    expect(textOf(page, '.headline')).toBe('Creating your order…');
    expect(isDisabled(page, '.pay')).toBe(true);
    poll.answer(200, { orderNo: 'MPC', state: 'AWAITING_PAYMENT', payment: PAY });

    await until(() => wx.redirects.length === 1, 'order page');
    expect(wx.paySheets).toHaveLength(1);
    expect(wx.redirects[0]).toBe('/pages/order/index?orderNo=MPC&paySheet=ok');
  });

  it('422 → the reason in the shopper\'s words, Pay disabled, and the basket\'s key dropped', async () => {
    const wx = new FakeWx();
    const shop = shopOn(wx, ['basket-key-0001', 'basket-key-0002']);
    const page = openPage('checkout', { basket: 'no-such-thing*1' });
    tap(page, '.pay');
    await loggedIn(wx);
    (await wx.nextRequest()).answer(422, {
      code: 'ORDER_REJECTED', status: 422, orderNo: 'MPD', reason: { code: 'UNKNOWN_PRODUCT', message: "no product 'no-such-thing'" },
    });

    await until(() => textOf(page, '.headline') === 'Order not accepted', 'rejected');
    expect(textOf(page, '.message')).toBe('Something in your basket is no longer sold.');
    expect(isDisabled(page, '.pay')).toBe(true);
    expect(wx.paySheets).toHaveLength(0);
    expect(shop.keys.keyFor([{ productId: 'no-such-thing', quantity: 1 }])).toBe('basket-key-0002');
  });

  it('a timed-out checkout is retried with the same Idempotency-Key, also after an app restart', async () => {
    const wx = new FakeWx();
    shopOn(wx, ['basket-key-0001', 'basket-key-0002']);
    const page = openPage('checkout', BASKET);
    tap(page, '.pay');
    await loggedIn(wx);
    (await wx.nextRequest()).fail('request:fail timeout');

    await until(() => !isDisabled(page, '.pay'), 'retry offered');
    expect(textOf(page, '.pay')).toBe('Try again');
    expect(textOf(page, '.message')).toMatch(/could not reach the shop/);
    tap(page, '.pay');
    const retry = await wx.nextRequest();
    expect(retry.header['Idempotency-Key']).toBe('basket-key-0001');
    retry.fail('request:fail timeout');
    await until(() => !isDisabled(page, '.pay'), 'retry offered again');

    shopOn(wx, ['basket-key-0003']); // the app restarts: same storage, fresh memory
    const reopened = openPage('checkout', { basket: 'egg-tart*1,green-tea*2' });
    tap(reopened, '.pay');
    const afterRestart = await wx.nextRequest();
    expect(afterRestart.header['Idempotency-Key']).toBe('basket-key-0001');
    expect(afterRestart.header.Authorization).toBe('Bearer token-1');
    expect(wx.logins).toBe(1);
  });
});
