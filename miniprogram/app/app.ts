// Wires the shop to the real `wx` once, at launch. Passing `wx` where a WxPort is expected checks,
// at compile time, that the port matches WeChat's own API typings.
import { DEFAULT_CONFIG } from './config';
import { installShop, Shop } from './shop/shop';

App({
  onLaunch() {
    installShop(new Shop(wx, DEFAULT_CONFIG));
  },
});
