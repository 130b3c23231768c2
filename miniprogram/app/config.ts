// Where the gateway is and how long to wait for it. Point `gatewayUrl` at your gateway (bin/local-stack
// prints it); in WeChat DevTools tick "Does not verify valid domain names" for a local http URL.

export interface ShopConfig {
  /** The gateway's root URL, without a trailing slash. */
  gatewayUrl: string;
  /** Login and checkout calls; the gateway answers a checkout within its 5 s verdict wait (then 202). */
  requestTimeoutMs: number;
  /** What the order page asks the gateway to hold a long-poll for (the gateway allows 0-25). */
  longPollSeconds: number;
  /** The long-poll's own timeout: the held time plus room for a slow network, below wx.request's 60 s. */
  longPollTimeoutMs: number;
  /** Waits before asking again after the network or the gateway failed (grows up to the last). */
  retryDelaysMs: readonly number[];
}

export const DEFAULT_CONFIG: ShopConfig = {
  gatewayUrl: 'http://127.0.0.1:8080',
  requestTimeoutMs: 15000,
  longPollSeconds: 25,
  longPollTimeoutMs: 35000,
  retryDelaysMs: [1000, 2000, 5000, 10000],
};

/** wx.request gives up at 60 s whatever one asks; a timeout at or above it would never fire. */
export const WX_REQUEST_TIMEOUT_LIMIT_MS = 60000;
