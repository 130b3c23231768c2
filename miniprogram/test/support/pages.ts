// Renders a page of build/app with miniprogram-simulate, the shop wired to a FakeWx.
import * as path from 'path';
import simulate = require('miniprogram-simulate');
import { DEFAULT_CONFIG, ShopConfig } from '../../app/config';
import { installShop, Shop } from '../../app/shop/shop';
import { FakeWx } from './fake-wx';

const APP_ROOT = path.join(__dirname, '..', '..', 'app');

// simulate's built-in <button> is a bare slot that drops `disabled`; this one keeps it as a property
// so a test can read what the shopper would see greyed out.
simulate.load({
  id: 'button',
  tagName: 'wx-button',
  template: '<slot/>',
  properties: { disabled: { type: Boolean, value: false }, loading: { type: Boolean, value: false } },
} as unknown as Parameters<typeof simulate.load>[0]);

export const TEST_CONFIG: ShopConfig = {
  ...DEFAULT_CONFIG,
  gatewayUrl: 'https://gateway.test',
  retryDelaysMs: [5],
};

export function shopOn(wx: FakeWx, keys: string[] = ['basket-key-0001']): Shop {
  let next = 0;
  const shop = new Shop(wx, TEST_CONFIG, () => keys[Math.min(next++, keys.length - 1)]);
  installShop(shop);
  return shop;
}

export type RenderedPage = ReturnType<typeof simulate.render>;

// Jest keeps required modules, so a page's Component() runs once per test file: load once, render often.
const pageIds: Record<string, string> = {};

function loadPage(name: string): string {
  return simulate.load(path.join(APP_ROOT, 'pages', name, 'index'), { compiler: 'simulate', rootPath: APP_ROOT });
}

/** Loads, attaches and opens (onLoad with the query) one of the app's pages. */
export function openPage(name: 'product' | 'checkout' | 'order', query: Record<string, string> = {}): RenderedPage {
  const page = simulate.render(pageIds[name] || (pageIds[name] = loadPage(name)));
  page.attach(document.createElement('parent-wrapper'));
  const instance = page.instance as unknown as { onLoad?: (query: Record<string, string>) => void };
  if (instance.onLoad) instance.onLoad(query);
  return page;
}

export function textOf(page: RenderedPage, selector: string): string {
  const found = page.querySelector(selector);
  return found ? (found.dom as HTMLElement).textContent!.trim() : '';
}

/** Whether the button matched by `selector` is disabled (false when there is no such button). */
export function isDisabled(page: RenderedPage, selector: string): boolean {
  const button = page.querySelector(selector);
  if (!button) throw new Error(`no ${selector} on the page`);
  return !!(button.data as { disabled?: boolean }).disabled;
}

/** Taps the element matched by `selector`. */
export function tap(page: RenderedPage, selector: string): void {
  const target = page.querySelector(selector);
  if (!target) throw new Error(`no ${selector} on the page`);
  target.dispatchEvent('tap');
}

export function exists(page: RenderedPage, selector: string): boolean {
  return !!page.querySelector(selector);
}

/** Resolves once `check` holds after a page update; fails after `ms`. */
export async function until(check: () => boolean, what: string, ms = 2000): Promise<void> {
  const deadline = Date.now() + ms;
  while (!check()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise(resolve => setTimeout(resolve, 0)); // let pending promises and timers run
  }
}
