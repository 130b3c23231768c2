// The gateway's payloads, named after the payment domain, taken from the types openapi-typescript
// generates from gateway-service/openapi.json. Nothing here is written by hand: when the gateway
// renames a field, drops a response or adds a problem code, the code that uses these types stops
// compiling instead of failing in a shopper's hands.
import type { components, paths } from '../../typings/gateway-api';

type Schemas = components['schemas'];
type LogInOperation = paths['/api/v1/sessions']['post'];
type CheckOutOperation = paths['/api/v1/orders']['post'];
type StatusOperation = paths['/api/v1/orders/{orderNo}']['get'];

export type LoginRequest = LogInOperation['requestBody']['content']['application/json'];
export type LoginAnswer = LogInOperation['responses']['200']['content']['application/json'];

export type CheckoutRequest = CheckOutOperation['requestBody']['content']['application/json'];
export type BasketItem = Schemas['Item'];
/** 201: the order exists (normally awaiting payment, with `payment`). */
export type CheckoutCreated = CheckOutOperation['responses']['201']['content']['application/json'];
/** 202: the order is still being created; its pay values come through the status long-poll. */
export type CheckoutPending = CheckOutOperation['responses']['202']['content']['application/json'];

export type OrderStatus = StatusOperation['responses']['200']['content']['application/json'];
export type OrderState = NonNullable<OrderStatus['state']>;
export type StatusQuery = NonNullable<StatusOperation['parameters']['query']>;

/** The five values wx.requestPayment takes, exactly as the gateway sends them. */
export type PayParameters = Schemas['PayParameters'];

export type Problem = Schemas['Problem'];
/** Every stable problem code the gateway documents. */
export type ProblemCode = NonNullable<Problem['code']>;
export type Rejection = Schemas['Rejection'];

/**
 * States in which the payment's outcome is decided: the page stops long-polling. A refund may still
 * follow a paid order later; the page shows it when the shopper opens the order again.
 */
export const FINAL_STATES: readonly OrderState[] = ['PAID', 'FAILED', 'CLOSED', 'REJECTED', 'PARTIALLY_REFUNDED', 'REFUNDED'];

export function isFinal(state: OrderState | undefined): boolean {
  return state !== undefined && FINAL_STATES.indexOf(state) >= 0;
}
