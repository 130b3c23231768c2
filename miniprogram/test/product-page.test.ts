import { FakeWx } from './support/fake-wx';
import { openPage, shopOn, isDisabled, until } from './support/pages';

describe('product page', () => {
  it('lists what order-service sells and checks out the chosen quantities', async () => {
    const wx = new FakeWx();
    shopOn(wx);
    const page = openPage('product');
    expect(page.dom!.textContent).toMatch(/Green tea.*Milk tea.*Egg tart.*Gift card.*Mooncake box/s);
    expect(isDisabled(page, '.checkout')).toBe(true);

    const more = page.querySelectorAll('.more');
    more[0].dispatchEvent('tap');
    more[0].dispatchEvent('tap');
    more[2].dispatchEvent('tap');
    await until(() => !isDisabled(page, '.checkout'), 'check out enabled'); // simulate's taps land asynchronously
    expect(page.querySelectorAll('.quantity').map(quantity => quantity.dom!.textContent)).toEqual(['2', '0', '1', '0', '0']);
    page.querySelector('.checkout')!.dispatchEvent('tap');
    await until(() => wx.navigations.length === 1, 'checkout page');

    expect(wx.navigations).toEqual([`/pages/checkout/index?basket=${encodeURIComponent('green-tea*2,egg-tart*1')}`]);
    expect(wx.requests).toHaveLength(0); // nothing is priced or sent before checkout
  });
});
