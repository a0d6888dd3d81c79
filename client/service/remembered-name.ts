/** Where the name typed to acknowledge is kept, so the next acknowledgement from this browser is one click. */
export const ACK_NAME_KEY = 'greenboard.ack-name';

/** The name given last time; empty when none was, or when the browser keeps nothing (private mode, say). */
export function readAckName(): string {
  try {
    return localStorage.getItem(ACK_NAME_KEY) ?? '';
  } catch {
    return '';
  }
}

/** Keeps `name` for next time; an empty name forgets it. A browser that refuses storage only loses the convenience. */
export function rememberAckName(name: string): void {
  try {
    if (name === '') localStorage.removeItem(ACK_NAME_KEY);
    else localStorage.setItem(ACK_NAME_KEY, name);
  } catch {
    // Nothing to do: the acknowledgement itself does not depend on it.
  }
}
