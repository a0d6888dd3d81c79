/** Where the services a person asked to be told about are kept: this browser only, no account needed. */
const STORAGE_KEY = 'greenboard.notify';

type Listener = () => void;
const listeners = new Set<Listener>();

/** The ids of the services this browser notifies about. */
export function pickedServices(): Set<string> {
  try {
    const stored: unknown = JSON.parse(localStorage.getItem(STORAGE_KEY) ?? '[]');
    return new Set(Array.isArray(stored) ? stored.filter((id): id is string => typeof id === 'string') : []);
  } catch {
    return new Set(); // unreadable or blocked storage: notify about nothing rather than fail
  }
}

/** Adds or removes one service, and tells whoever follows the list. */
export function setPicked(serviceId: string, picked: boolean): void {
  const ids = pickedServices();
  if (picked) ids.add(serviceId);
  else ids.delete(serviceId);
  try {
    localStorage.setItem(STORAGE_KEY, JSON.stringify([...ids]));
  } catch {
    // Storage full or blocked: the choice lasts as long as the page.
  }
  for (const listener of listeners) listener();
}

export function onPickedChange(listener: Listener): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}
