import { cleanup, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, beforeEach, expect, it, vi } from 'vitest';
import { service } from '../fixtures';
import { renderApp } from '../render';
import { history, stubHistoryApi } from './fake-api';

vi.mock('../../../client/service/ResponseTimeChart', () => ({ default: () => null }));

beforeEach(() => {
  stubHistoryApi(() => history());
  window.history.replaceState(null, '', '/');
});

afterEach(() => {
  cleanup();
  vi.unstubAllGlobals();
  window.history.replaceState(null, '', '/');
});

/** The app following the address bar, as in a browser. */
const openBoard = () => renderApp({ services: [service('checkout', 'down', { name: 'Checkout API' }), service('search')], path: undefined });

it('clicking a tile opens its service page in place, and Back to the board returns', async () => {
  const { container } = openBoard();
  const tile = container.querySelector<HTMLElement>('[data-service="checkout"]')!;
  await userEvent.click(within(tile).getByRole('link', { name: 'Checkout API' }));
  expect(window.location.pathname).toBe('/services/checkout');
  expect(await screen.findByRole('heading', { level: 1, name: 'Checkout API' })).toBeTruthy();
  expect(container.querySelector('[data-service]')).toBeNull();

  await userEvent.click(screen.getByRole('link', { name: /Back to the board/ }));
  expect(window.location.pathname).toBe('/');
  expect(container.querySelector('[data-service="checkout"]')).not.toBeNull();
});

it('moving to another page in place puts the focus on its heading, as a full load would announce it', async () => {
  openBoard();
  expect(document.activeElement).toBe(document.body); // not on the first page
  await userEvent.click(screen.getByRole('link', { name: 'Checkout API' }));
  const heading = await screen.findByRole('heading', { level: 1, name: 'Checkout API' });
  await waitFor(() => expect(document.activeElement).toBe(heading));
  await userEvent.click(screen.getByRole('link', { name: /Back to the board/ }));
  await waitFor(() => expect(document.activeElement?.className).toBe('banner-text'));
});

it("the browser's Back button returns to the page before", async () => {
  const { container } = openBoard();
  await userEvent.click(screen.getByRole('link', { name: 'Checkout API' }));
  await screen.findByRole('heading', { level: 1, name: 'Checkout API' });
  window.history.back();
  await waitFor(() => expect(container.querySelector('[data-service="checkout"]')).not.toBeNull());
  expect(window.location.pathname).toBe('/');
});

it('a plain click is handled in place (no reload); a click with a modifier key is left to the browser', async () => {
  openBoard();
  const link = screen.getByRole('link', { name: 'Checkout API' });
  const withCtrl = new MouseEvent('click', { bubbles: true, cancelable: true, ctrlKey: true, button: 0 });
  link.dispatchEvent(withCtrl);
  expect(withCtrl.defaultPrevented).toBe(false);
  expect(window.location.pathname).toBe('/');

  const plain = new MouseEvent('click', { bubbles: true, cancelable: true, button: 0 });
  link.dispatchEvent(plain);
  expect(plain.defaultPrevented).toBe(true);
  expect(window.location.pathname).toBe('/services/checkout');
  expect(await screen.findByRole('heading', { level: 1, name: 'Checkout API' })).toBeTruthy();
});
