// Where the local stack runs, as the JUnit test (or a person running `npm run e2e`) says in the environment.
export interface StackEnv {
  gatewayUrl: string;
  sandboxUrl: string;
  /** The gateway's login token lifetime in this stack (GATEWAY_TOKEN_TTL). */
  tokenTtlSeconds: number;
  /** How long the sandbox keeps an unpaid order open, in real seconds (time-scaled). */
  orderExpirySeconds: number;
}

function required(name: string): string {
  const value = process.env[name];
  if (!value) {
    throw new Error(`Set ${name}: the end-to-end suite runs against a local stack (see miniprogram/README.md)`);
  }
  return value.replace(/\/$/, '');
}

export function stackEnv(): StackEnv {
  return {
    gatewayUrl: required('GATEWAY_URL'),
    sandboxUrl: required('SANDBOX_URL'),
    tokenTtlSeconds: Number(required('TOKEN_TTL_SECONDS')),
    orderExpirySeconds: Number(required('ORDER_EXPIRY_SECONDS')),
  };
}
