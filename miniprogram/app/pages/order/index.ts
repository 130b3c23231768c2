// The order page: OrderScreen follows the order until it is final; this binds it to the template.
import type { PaySheetResult } from '../../shop/pay-sheet';
import { shop } from '../../shop/shop';
import { OrderScreen, OrderView } from '../../screens/order-screen';

type WithScreen = { screen?: OrderScreen };

Component({
  data: {} as Partial<OrderView>,
  methods: {
    onLoad(query: Record<string, string | undefined>): void {
      const paySheet = query.paySheet as PaySheetResult | undefined;
      const screen = new OrderScreen(shop(), decodeURIComponent(query.orderNo || ''), paySheet);
      (this as unknown as WithScreen).screen = screen;
      this.setData(screen.view);
      screen.onChange(view => this.setData(view));
      screen.start();
    },
    onUnload(): void {
      const screen = (this as unknown as WithScreen).screen;
      if (screen) screen.stop();
    },
    onPay(): Promise<void> | undefined {
      const screen = (this as unknown as WithScreen).screen;
      return screen ? screen.pay() : undefined;
    },
  },
});
