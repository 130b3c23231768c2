// wx.request allows at most 10 requests in flight per Mini Program; an 11th fails at once. Every
// gateway call takes a slot here first and waits in line when all are taken.
export const WX_MAX_REQUESTS_IN_FLIGHT = 10;

export class RequestSlots {
  private inFlight = 0;
  private readonly waiting: Array<() => void> = [];

  constructor(private readonly capacity: number = WX_MAX_REQUESTS_IN_FLIGHT) {
    if (capacity < 1 || capacity > WX_MAX_REQUESTS_IN_FLIGHT) {
      throw new Error(`capacity must be 1-${WX_MAX_REQUESTS_IN_FLIGHT}, was ${capacity}`);
    }
  }

  /** Runs `work` once a slot is free and frees the slot when it settles. */
  async run<T>(work: () => Promise<T>): Promise<T> {
    await this.acquire();
    try {
      return await work();
    } finally {
      this.release();
    }
  }

  get busy(): number {
    return this.inFlight;
  }

  private acquire(): Promise<void> {
    if (this.inFlight < this.capacity) {
      this.inFlight++;
      return Promise.resolve();
    }
    return new Promise<void>(resolve => this.waiting.push(resolve));
  }

  private release(): void {
    const next = this.waiting.shift();
    if (next) {
      next(); // the slot passes straight to the next in line
    } else {
      this.inFlight--;
    }
  }
}
