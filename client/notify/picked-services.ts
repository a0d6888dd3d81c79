/** Where the services a person asked to be told about are kept: this browser only, no account needed. */
const STORAGE_KEY = 'greenboard.notify';

type Listener = () => void;
const listeners = new Set<Listener>();

/** The last list read, by the text it was read from: asked at every render and every change of the board, parsed once. */
let read: { text: string | null; ids: ReadonlySet<string> } | null = null;

/** The ids of the services this browser notifies about. */
export function pickedServices(): ReadonlySet<string> {
  try {
    const text = localStorage.getItem(STORAGE_KEY);
    if (read?.text !== text) {
      const stored: unknown = JSON.parse(text ?? '[]');
      read = { text, ids: new Set(Array.isArray(stored) ? stored.filter((id): id is string => typeof id === 'string') : []) };
    }
    return read.ids;
  } catch {
    return new Set(); // unreadable or blocked storage: notify about nothing rather than fail
  }
}

/** Adds or removes one service, and tells whoever follows the list. */
export function setPicked(serviceId: string, picked: boolean): void {
  const ids = new Set(pickedServices());
  if (picked) ids.add(serviceId);
  else ids.delete(serviceId);
  try {
    localStorage.setItem(STORAGE_KEY, JSON.stringify([...ids]));
  } catch {
    // Storage full or blocked: the choice lasts as long as the page.
  }
  for (const listener of listeners) listener();
}

/** Calls `listener` after every change made through `setPicked`; returns a function that stops it. */
export function onPickedChange(listener: Listener): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}
