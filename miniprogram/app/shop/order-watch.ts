// Following an order by long-polling GET /api/v1/orders/{orderNo}?waitSeconds=25&knownState=…: the
// gateway holds each request until the state differs from the one shown (or 25 s pass), so a change
// shows within a moment without hammering anything. This is the only place the shop learns whether
// an order is paid.
import type { ShopConfig } from '../config';
import { Gateway } from '../api/gateway';
import type { OrderState, OrderStatus } from '../api/gateway-types';
import { isFinal } from '../api/gateway-types';
import { messageForProblem } from '../api/shopper-messages';
import { failureOutcome } from './checkout';
import { Session } from './session';

export interface WatchListener {
  /** A new state (or the first answer). */
  onStatus(status: OrderStatus): void;
  /** The gateway could not be asked; `retrying` says whether the watch goes on by itself. */
  onTrouble(message: string, retrying: boolean): void;
}

export interface Following {
  stop(): void;
}

export class OrderWatch {
  constructor(private readonly session: Session, private readonly gateway: Gateway, private readonly config: ShopConfig) {}

  /**
   * Follows the order until it is final or `stop()` is called. With `knownState` undefined the first
   * request answers at once (to show the current state), then each long-poll names what is shown.
   */
  follow(orderNo: string, knownState: OrderState | undefined, listener: WatchListener): Following {
    let stopped = false;
    const run = async () => {
      let known = knownState;
      let failures = 0;
      while (!stopped) {
        const step = await this.ask(orderNo, known);
        if (stopped) return;
        if (step.kind === 'status') {
          failures = 0;
          const state = step.status.state as OrderState;
          if (state !== known) listener.onStatus(step.status);
          known = state;
          if (isFinal(state)) return;
          continue;
        }
        const retrying = step.retryable;
        listener.onTrouble(step.message, retrying);
        if (!retrying) return;
        await delay(this.config.retryDelaysMs[Math.min(failures++, this.config.retryDelaysMs.length - 1)]);
      }
    };
    // A bug must not leave the page silently waiting: say so, and stop asking.
    run().catch(() => listener.onTrouble(messageForProblem({}), false));
    return { stop: () => { stopped = true; } };
  }

  private async ask(orderNo: string, known: OrderState | undefined):
    Promise<{ kind: 'status'; status: OrderStatus } | { kind: 'trouble'; message: string; retryable: boolean }> {
    const query = known === undefined ? {} : { waitSeconds: this.config.longPollSeconds, knownState: known };
    try {
      const answer = await this.session.authorized(token => this.gateway.orderStatus(token, orderNo, query));
      if (answer.ok) {
        return { kind: 'status', status: answer.value };
      }
      // 429 and 5xx pass; anything else (a 404 for an order that is not this shopper's) will not.
      const retryable = answer.status === 429 || answer.status >= 500;
      return { kind: 'trouble', message: messageForProblem(answer.problem), retryable };
    } catch (e) {
      const outcome = failureOutcome(e);
      return { kind: 'trouble', message: outcome.message, retryable: true };
    }
  }
}

function delay(ms: number): Promise<void> {
  return new Promise(resolve => setTimeout(resolve, ms));
}
