import { FakeWx } from './support/fake-wx';
import { openPage, shopOn, textOf, until, exists, isDisabled, tap } from './support/pages';

const PAY = { timeStamp: '1767225600', nonceStr: 'n0nce', package: 'prepay_id=wx123', signType: 'RSA', paySign: 'c2lnbg==' };
const TOKEN = { token: 'token-1', expiresAt: '2030-01-01T00:00:00Z' };

async function answerLogin(wx: FakeWx, token = TOKEN): Promise<void> {
  const login = await wx.nextRequest();
  expect(login.method + ' ' + login.path).toBe('POST /api/v1/sessions');
  login.answer(200, token);
}

describe('order page', () => {
  const states: Array<[string, object, string, RegExp]> = [
    ['CREATING', {}, 'Creating your order…', /few seconds/],
    ['AWAITING_PAYMENT', { payment: PAY }, 'Waiting for your payment', /Tap Pay/],
    ['PAID', {}, 'Paid', /payment has been received/],
    ['FAILED', {}, 'Payment failed', /nothing was charged/],
    ['CLOSED', {}, 'Order closed', /expired before it was paid/],
    ['REJECTED', { rejection: { code: 'UNKNOWN_PRODUCT', message: 'no product' } }, 'Order not accepted', /no longer sold/],
    ['PARTIALLY_REFUNDED', { paidMinor: 6000, refundedMinor: 2800, currency: 'HKD' }, 'Partly refunded',
      /^HK\$28\.00 of your HK\$60\.00 payment is back with you\.$/],
    ['REFUNDED', { paidMinor: 100000, refundedMinor: 100000, currency: 'HKD' }, 'Refunded', /HK\$1,000\.00 is back with you in full/],
  ];

  it.each(states)('renders %s as the backend reports it', async (state, extra, headline, message) => {
    const wx = new FakeWx();
    shopOn(wx);
    const page = openPage('order', { orderNo: 'MPORDER1' });
    await answerLogin(wx);
    (await wx.nextRequest()).answer(200, { orderNo: 'MPORDER1', state, ...extra });

    await until(() => textOf(page, '.headline') === headline, `${state} headline`);
    expect(textOf(page, '.message')).toMatch(message);
    expect(exists(page, '.pay')).toBe(state === 'AWAITING_PAYMENT');
    expect(exists(page, '.shop-again')).toBe(!['CREATING', 'AWAITING_PAYMENT'].includes(state));
    if (state !== 'PAID') expect(page.dom!.textContent).not.toMatch(/\bPaid\b/);
  });

  it('says the money goes back when a payment landed after the order closed', async () => {
    const wx = new FakeWx();
    shopOn(wx);
    const page = openPage('order', { orderNo: 'MPORDER2' });
    await answerLogin(wx);
    (await wx.nextRequest()).answer(200, { orderNo: 'MPORDER2', state: 'CLOSED', refundPending: true });
    await until(() => textOf(page, '.headline') === 'Order closed', 'closed');
    expect(textOf(page, '.message')).toMatch(/on its way back/);
  });

  it('long-polls with the shown state until the backend says PAID, even after a successful pay sheet', async () => {
    const wx = new FakeWx();
    const shop = shopOn(wx, ['basket-key-0001', 'basket-key-0002']);
    shop.keys.keyFor([{ productId: 'green-tea', quantity: 1 }]);
    shop.keys.remember([{ productId: 'green-tea', quantity: 1 }], 'MPORDER3');
    const page = openPage('order', { orderNo: 'MPORDER3', paySheet: 'ok' });
    await answerLogin(wx);
    const first = await wx.nextRequest();
    expect(first.path).toBe('/api/v1/orders/MPORDER3');
    first.answer(200, { orderNo: 'MPORDER3', state: 'AWAITING_PAYMENT', payment: PAY });
    await until(() => textOf(page, '.headline') === 'Waiting for your payment', 'awaiting');
    expect(textOf(page, '.message')).toMatch(/Confirming your payment/);

    const poll = await wx.nextRequest();
    expect(poll.path).toBe('/api/v1/orders/MPORDER3?waitSeconds=25&knownState=AWAITING_PAYMENT');
    expect(poll.timeout).toBeGreaterThan(25000);
    expect(poll.timeout).toBeLessThan(60000);
    expect(textOf(page, '.headline')).not.toBe('Paid');
    poll.answer(200, { orderNo: 'MPORDER3', state: 'PAID' });

    await until(() => textOf(page, '.headline') === 'Paid', 'paid');
    expect(wx.requests).toHaveLength(3); // login, read, one long-poll: nothing after a final state
    expect(shop.keys.keyFor([{ productId: 'green-tea', quantity: 1 }])).toBe('basket-key-0002');
  });

  it('opens the pay sheet again with the five values as received and disables Pay while it is open', async () => {
    const wx = new FakeWx();
    shopOn(wx);
    const page = openPage('order', { orderNo: 'MPORDER4', paySheet: 'cancel' });
    await answerLogin(wx);
    (await wx.nextRequest()).answer(200, { orderNo: 'MPORDER4', state: 'AWAITING_PAYMENT', payment: PAY });
    await until(() => exists(page, '.pay'), 'pay button');
    expect(textOf(page, '.message')).toMatch(/You closed the payment/);
    expect(isDisabled(page, '.pay')).toBe(false);

    wx.paySheetResult = 'held';
    tap(page, '.pay');
    await until(() => wx.paySheets.length === 1, 'pay sheet');
    expect(isDisabled(page, '.pay')).toBe(true);
    tap(page, '.pay');
    const { success, fail, complete, ...values } = wx.paySheets[0];
    expect(values).toEqual(PAY);
    expect([success, fail, complete].filter(Boolean)).toHaveLength(2);

    wx.closePaySheet('fail');
    await until(() => !isDisabled(page, '.pay'), 'pay enabled again');
    expect(wx.paySheets).toHaveLength(1);
    expect(textOf(page, '.message')).toMatch(/did not go through/);
    expect(textOf(page, '.headline')).toBe('Waiting for your payment');
  });

  it('logs in once more and retries once on 401, and never loops', async () => {
    const wx = new FakeWx();
    wx.setStorageSync('merchantpay.session', { token: 'stale' });
    shopOn(wx);
    const page = openPage('order', { orderNo: 'MPORDER5' });

    const first = await wx.nextRequest();
    expect(first.header.Authorization).toBe('Bearer stale');
    first.answer(401, { code: 'TOKEN_EXPIRED', status: 401 });
    await answerLogin(wx, { token: 'fresh', expiresAt: '2030-01-01T00:00:00Z' });
    const retry = await wx.nextRequest();
    expect(retry.header.Authorization).toBe('Bearer fresh');
    retry.answer(401, { code: 'TOKEN_INVALID', status: 401 });

    await until(() => textOf(page, '.trouble') !== '', 'trouble shown');
    expect(textOf(page, '.trouble')).toBe('Please sign in again.');
    expect(wx.logins).toBe(1);
    expect(wx.requests).toHaveLength(3);
  });
});
