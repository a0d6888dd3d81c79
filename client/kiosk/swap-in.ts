import { RUNNING_BUILD, buildSignature, shellFiles } from './build-signature';

/** How long the swap waits for the new release's service worker to take over. */
export const WORKER_WAIT_MS = 30_000;

/**
 * The index.html the server gives now, parsed; null when it cannot be had. Fetched past
 * the browser's cache (the service worker only answers navigations, not this).
 */
export async function fetchServedPage(): Promise<Document | null> {
  try {
    const response = await fetch('/', { cache: 'no-store', credentials: 'same-origin' });
    if (!response.ok) return null;
    return new DOMParser().parseFromString(await response.text(), 'text/html');
  } catch {
    return null;
  }
}

/** True when the server serves another build than the one running here. */
export function isNewBuild(served: Document): boolean {
  return shellFiles(served).length > 0 && buildSignature(served) !== RUNNING_BUILD;
}

/**
 * Readies the served build so that a reload shows it at once: every file its page names
 * is fetched (hashed files, so the browser keeps them), and the new release's service
 * worker, if any, given a chance to take over. False when a file could not be had (the
 * server went away meanwhile, say): then nothing has changed and the page carries on.
 */
export async function prepareBuild(served: Document): Promise<boolean> {
  try {
    const files = await Promise.all(shellFiles(served).map((url) => fetch(url, { credentials: 'same-origin' })));
    if (!files.every((file) => file.ok)) return false;
    await Promise.all(files.map((file) => file.arrayBuffer()));
  } catch {
    return false;
  }
  await newWorkerInCharge();
  return true;
}

/**
 * Asks for the service worker again and waits, up to WORKER_WAIT_MS, until a new one is
 * in charge. Never fails: without the new worker the reloaded page still comes from the
 * network first, only not yet kept for a start with no server; the next look fixes that.
 */
async function newWorkerInCharge(): Promise<void> {
  const registration = await navigator.serviceWorker?.getRegistration().catch(() => undefined);
  if (!registration) return;
  const updated = await registration.update().then(
    () => true,
    () => false,
  );
  const worker = registration.installing ?? registration.waiting;
  if (!updated || !worker) return;
  await new Promise<void>((resolve) => {
    const settle = () => {
      clearTimeout(timer);
      worker.removeEventListener('statechange', check);
      resolve();
    };
    const check = () => {
      if (worker.state === 'activated' || worker.state === 'redundant') settle();
    };
    const timer = setTimeout(settle, WORKER_WAIT_MS);
    worker.addEventListener('statechange', check);
    check();
  });
}
