import { QueryClient } from '@tanstack/react-query';
import { act, cleanup, fireEvent, render, screen } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { BoardData } from '../../../client/api/services-cache';
import { connectDesktopNotifications } from '../../../client/notify/desktop-notifications';
import { NotifyToggle } from '../../../client/notify/NotifyToggle';
import { pickedServices, setPicked } from '../../../client/notify/picked-services';
import { statusChanges, type StatusChange } from '../../../client/notify/status-changes';
import { check, service } from '../fixtures';

const board = (services: BoardData['services']): BoardData => ({ services, generatedAt: new Date().toISOString(), notices: [], oncall: [], held: null });

beforeEach(() => localStorage.clear());

describe('which changes are notified', () => {
  it('a picked service that changed status, saying why; not others, not what was already so', () => {
    const before = [service('checkout', 'up'), service('search', 'up')];
    const after = [
      service('checkout', 'down', { name: 'Checkout API', checks: [check({ id: 'health', status: 'down', message: 'expected status 200, got 503' })] }),
      service('search', 'down'),
      service('ledger', 'down'),
    ];
    expect(statusChanges(before, after, new Set(['checkout', 'ledger']))).toEqual([
      { serviceId: 'checkout', name: 'Checkout API', from: 'up', to: 'down', title: 'Checkout API is down', body: 'expected status 200, got 503' },
    ]);
    // The first view after loading is no change at all.
    expect(statusChanges(undefined, after, new Set(['checkout']))).toEqual([]);
  });
});

describe('desktop notifications from the live board', () => {
  it('notifies each change of a picked service as the socket writes it into the cache', () => {
    const queryClient = new QueryClient();
    queryClient.setQueryData(['services'], board([service('checkout', 'up'), service('search', 'up')]));
    const shown: StatusChange[] = [];
    const stop = connectDesktopNotifications({ queryClient, notify: (change) => shown.push(change) });
    setPicked('checkout', true);
    queryClient.setQueryData(['services'], board([service('checkout', 'down'), service('search', 'down')]));
    queryClient.setQueryData(['services'], board([service('checkout', 'up'), service('search', 'down')]));
    expect(shown.map((c) => `${c.serviceId} ${c.from}→${c.to}`)).toEqual(['checkout up→down', 'checkout down→up']);
    stop();
    queryClient.setQueryData(['services'], board([service('checkout', 'down'), service('search', 'down')]));
    expect(shown).toHaveLength(2);
  });
});

describe('the "notify me" button', () => {
  let permission: NotificationPermission;
  const requestPermission = vi.fn(async () => permission);
  beforeEach(() => {
    permission = 'default';
    requestPermission.mockClear();
    vi.stubGlobal(
      'Notification',
      Object.assign(function Notification() {}, {
        get permission() {
          return permission;
        },
        requestPermission,
      }),
    );
  });
  afterEach(() => {
    cleanup();
    vi.unstubAllGlobals();
  });

  it('asks the browser once, then picks the service; a second click stops it', async () => {
    render(<NotifyToggle serviceId="checkout" name="Checkout API" />);
    permission = 'granted';
    await act(async () => fireEvent.click(screen.getByRole('button', { name: 'Notify me when it changes' })));
    expect(requestPermission).toHaveBeenCalledTimes(1);
    expect(pickedServices()).toEqual(new Set(['checkout']));
    const on = screen.getByRole('button', { pressed: true });
    expect(on.textContent).toBe('Notifying you of changes to Checkout API · stop');
    await act(async () => fireEvent.click(on));
    expect(pickedServices()).toEqual(new Set());
    expect(screen.getByRole('button', { pressed: false })).toBeTruthy();
  });

  it('picks nothing when the browser is refused, and says where to unblock it', async () => {
    render(<NotifyToggle serviceId="checkout" name="Checkout API" />);
    permission = 'denied';
    await act(async () => fireEvent.click(screen.getByRole('button')));
    expect(pickedServices()).toEqual(new Set());
    expect(screen.getByText(/blocked for this site/)).toBeTruthy();
    expect(screen.queryByRole('button')).toBeNull();
  });
});
