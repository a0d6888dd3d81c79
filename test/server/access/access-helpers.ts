import { hashPassword } from '../../../server/access/passwords';

/** Users of every role, each with the password `pw-{id}`, as YAML under `access:`. */
export async function usersYaml(): Promise<string> {
  const users = [
    { id: 'ada', role: 'admin' },
    { id: 'rita', role: 'responder' },
    { id: 'vic', role: 'viewer' },
  ];
  const lines = await Promise.all(users.map(async (u) => `    - { id: ${u.id}, role: ${u.role}, passwordHash: "${await hashPassword(`pw-${u.id}`)}" }`));
  return `  users:\n${lines.join('\n')}\n`;
}

/** The cookies a response set, as a Cookie header would send them back. */
export function cookiesFrom(response: Response, jar = new Map<string, string>()): Map<string, string> {
  for (const line of response.headers.getSetCookie()) {
    const [pair] = line.split(';');
    const at = pair!.indexOf('=');
    const name = pair!.slice(0, at);
    const value = pair!.slice(at + 1);
    if (value === '') jar.delete(name);
    else jar.set(name, value);
  }
  return jar;
}

export const cookieHeader = (jar: Map<string, string>) => [...jar].map(([k, v]) => `${k}=${v}`).join('; ');

/** A person signed in: their cookies, and the CSRF header their page would send with a change. */
export interface SignedIn {
  headers: Record<string, string>;
  /** Headers for a change (POST, DELETE) with the CSRF token. */
  changing: Record<string, string>;
}

export async function signIn(url: string, user: string, password = `pw-${user}`): Promise<SignedIn> {
  const response = await fetch(`${url}/api/session`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ user, password }),
  });
  if (response.status !== 200) throw new Error(`sign-in as ${user} answered ${response.status}: ${await response.text()}`);
  const jar = cookiesFrom(response);
  const headers = { cookie: cookieHeader(jar) };
  return { headers, changing: { ...headers, 'content-type': 'application/json', 'x-csrf-token': jar.get('gb_csrf') ?? '' } };
}
