// What a shopper reads when something goes wrong. Keyed by every problem code the gateway's OpenAPI
// document lists: a code added there is a compile error here until someone writes its sentence.
import type { Problem, ProblemCode, Rejection } from './gateway-types';

const PROBLEM_MESSAGES: Record<ProblemCode, string> = {
  // The app sent something the gateway refuses: nothing the shopper can fix but trying again later.
  MALFORMED_JSON: 'Something went wrong in this app. Please try again later.',
  UNKNOWN_FIELD: 'Something went wrong in this app. Please try again later.',
  INVALID_REQUEST: 'Something in your order is not right. Please check it and try again.',
  UNSUPPORTED_MEDIA_TYPE: 'Something went wrong in this app. Please try again later.',
  NOT_ACCEPTABLE: 'Something went wrong in this app. Please try again later.',
  BODY_TOO_LARGE: 'Your basket is too large. Please remove some items.',
  ROUTE_NOT_FOUND: 'This shop is being updated. Please try again later.',
  METHOD_NOT_ALLOWED: 'This shop is being updated. Please try again later.',
  RATE_LIMITED: 'Too many attempts. Please wait a minute and try again.',
  // Login
  LOGIN_CODE_MALFORMED: 'We could not sign you in. Please try again.',
  LOGIN_CODE_REJECTED: 'We could not sign you in. Please try again.',
  USER_BLOCKED: 'WeChat does not allow this account to pay here. Please contact WeChat support.',
  WECHAT_RATE_LIMITED: 'WeChat is limiting sign-ins for your account. Please wait a minute and try again.',
  WECHAT_BUSY: 'WeChat is busy. Please try again in a moment.',
  WECHAT_UNAVAILABLE: 'We cannot reach WeChat right now. Please try again in a moment.',
  WECHAT_BAD_GATEWAY: 'Sign-in is not working right now. We are on it; please try again later.',
  // The login token: the app logs in again by itself once; these show only if that failed too.
  TOKEN_MISSING: 'Please sign in again.',
  TOKEN_INVALID: 'Please sign in again.',
  TOKEN_EXPIRED: 'Your sign-in has expired. Please sign in again.',
  // Checkout and status
  IDEMPOTENCY_KEY_MISSING: 'Something went wrong in this app. Please try again later.',
  IDEMPOTENCY_KEY_MALFORMED: 'Something went wrong in this app. Please try again later.',
  IDEMPOTENCY_KEY_REUSED: 'Your basket changed while we were placing the order. Please try again.',
  ORDER_REJECTED: 'This order cannot be paid.',
  ORDER_NOT_FOUND: 'We cannot find this order.',
  // Ours
  EVENTS_UNAVAILABLE: 'We cannot take orders right now. Please try again in a moment.',
  INTERNAL_ERROR: 'Something went wrong on our side. Please try again later.',
};

/** Why order-service refused an order (its reasonCode values), in the shopper's words. */
const REJECTION_MESSAGES: Record<string, string> = {
  EMPTY_CART: 'Your basket is empty.',
  TOO_MANY_ITEMS: 'Your basket has too many different items for one order.',
  UNKNOWN_PRODUCT: 'Something in your basket is no longer sold.',
  INVALID_QUANTITY: 'A quantity in your basket is not valid.',
  QUANTITY_OVER_LIMIT: 'You ordered more of one item than we can sell at once.',
  MIXED_CURRENCY: 'Items priced in different currencies must be bought in separate orders.',
  TOTAL_OVER_LIMIT: 'The order total is above what we can take in one payment.',
  PSP_REJECTED: 'The payment provider declined this order.',
  PSP_ORDER_UNRECOVERABLE: 'This order can no longer be paid. Please place a new one.',
};

const UNKNOWN_PROBLEM = 'Something went wrong. Please try again later.';
export const NO_ANSWER_MESSAGE = 'We could not reach the shop. Check your connection and try again.';

export function messageForProblem(problem: Problem): string {
  return (problem.code && PROBLEM_MESSAGES[problem.code]) || UNKNOWN_PROBLEM;
}

export function messageForRejection(rejection: Rejection | undefined): string {
  return (rejection && rejection.code && REJECTION_MESSAGES[rejection.code]) || PROBLEM_MESSAGES.ORDER_REJECTED;
}

/** The 422's `reason` member (the problem document's extension) as a Rejection. */
export function rejectionOf(problem: Problem): Rejection | undefined {
  const reason = (problem as Problem & { reason?: Rejection }).reason;
  return reason && typeof reason === 'object' ? reason : undefined;
}

/** Every code the gateway documents, for tests that check each has a message. */
export const DOCUMENTED_PROBLEM_CODES = Object.keys(PROBLEM_MESSAGES) as ProblemCode[];
