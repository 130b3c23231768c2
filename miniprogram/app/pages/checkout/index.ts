// The checkout/pay page: CheckoutScreen does the work, this binds it to the template.
import { basketFromQuery } from '../../shop/basket';
import { shop } from '../../shop/shop';
import { CheckoutScreen, CheckoutView } from '../../screens/checkout-screen';

Component({
  data: {} as Partial<CheckoutView>,
  methods: {
    onLoad(query: Record<string, string | undefined>): void {
      const screen = new CheckoutScreen(shop(), basketFromQuery(query.basket));
      (this as unknown as { screen: CheckoutScreen }).screen = screen;
      this.setData(screen.view);
      screen.onChange(view => this.setData(view));
    },
    onPay(): Promise<void> | undefined {
      return (this as unknown as { screen: CheckoutScreen }).screen.pay();
    },
  },
});
