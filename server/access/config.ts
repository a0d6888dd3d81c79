import { BlockList, isIP } from 'node:net';
import { z } from 'zod';
import { duration, nonEmpty, slug } from '../config/fields';
import { ROLES } from './model';

const HOUR_MS = 3_600_000;
const role = z.enum(ROLES, { error: `expected a role: ${ROLES.join(', ')}` });

/** An argon2id hash in its PHC form, as `greenboard hash-password` prints it. */
const passwordHash = z
  .string({ error: 'expected an argon2id hash such as "$argon2id$v=19$m=19456,t=2,p=1$…" (greenboard hash-password makes one)' })
  .regex(
    /^\$argon2id\$v=\d+\$m=\d+,t=\d+,p=\d+\$[A-Za-z0-9+/]+\$[A-Za-z0-9+/]+$/,
    'expected an argon2id hash such as "$argon2id$v=19$m=19456,t=2,p=1$…" (greenboard hash-password makes one)',
  );

/** An address (`10.0.0.5`) or a network (`10.0.0.0/8`, `fd00::/8`) a reverse proxy speaks from. */
const network = z.string({ error: 'expected an address or network such as "10.0.0.0/8"' }).refine((text) => parseNetwork(text) !== null, {
  error: (issue) => `"${String(issue.input)}" is not an address or network such as "10.0.0.0/8" or "::1"`,
});

/** A header name as HTTP spells it. */
const headerName = z.string().regex(/^[A-Za-z0-9-]+$/, 'expected a header name such as "X-Forwarded-User"');

/** An origin (`https://wiki.example.com`): a scheme, a host and maybe a port, nothing after. */
const origin = z
  .string()
  .refine((text) => isOrigin(text), { error: (issue) => `"${String(issue.input)}" is not an origin such as "https://wiki.example.com"` });

/**
 * Who may watch the board and who may act on it (docs/access.md).
 *
 * `board`: `public`, anyone who reaches the server watches (the default, as on a
 * laptop or behind a VPN); `token`, only a screen given a board token, a signed-in
 * person or a script with an API token. Acting (acknowledge, maintenance) takes a
 * signed-in responder or an API token, once there is a way to sign in (`users` or
 * `proxy`); with none, acting is as open as watching.
 */
export const accessSchema = z
  .strictObject({
    board: z.enum(['public', 'token'], { error: 'expected "public" or "token"' }).default('public'),
    /** People who sign in with a password. */
    users: z
      .array(
        z.strictObject({
          id: slug,
          /** Shown as who acknowledged; the person's name in `people:` when the ids match, else the id. */
          name: nonEmpty.optional(),
          role,
          passwordHash,
        }),
      )
      .default([]),
    /** A reverse proxy that signs people in (oauth2-proxy, an OIDC gateway) and says who they are in headers. */
    proxy: z
      .strictObject({
        /** Only requests from these addresses are believed: anyone else could send the header. */
        from: z.array(network).min(1, 'name at least one address the proxy speaks from'),
        userHeader: headerName.default('X-Forwarded-User'),
        emailHeader: headerName.default('X-Forwarded-Email'),
        /** A role for a user name or email; anyone else gets `defaultRole`. */
        roles: z.record(z.string(), role).default({}),
        defaultRole: role.default('viewer'),
      })
      .optional(),
    /** How long a password sign-in lasts without being used. */
    sessionTtl: duration({ min: 60_000, minText: '1m', max: 90 * 24 * HOUR_MS, maxText: '90d' }).prefault('12h'),
    /** Pages that may show the board in a frame (`https://wiki.example.com`); none by default. */
    frameAncestors: z.array(origin).default([]),
    /** Origins whose scripts may call the API from a browser (CORS); none by default. */
    corsOrigins: z.array(origin).default([]),
  })
  .prefault({});

export type AccessConfig = z.output<typeof accessSchema>;

/** `10.0.0.0/8`, `::1` or `127.0.0.1` as a [address, prefix, family]; null when it is none of those. */
export function parseNetwork(text: string): { address: string; prefix: number; family: 'ipv4' | 'ipv6' } | null {
  const [address, prefixText, ...rest] = text.trim().split('/');
  if (rest.length > 0 || !address) return null;
  const version = isIP(address);
  if (version === 0) return null;
  const family = version === 4 ? 'ipv4' : 'ipv6';
  const max = version === 4 ? 32 : 128;
  const prefix = prefixText === undefined ? max : /^\d+$/.test(prefixText) ? Number(prefixText) : NaN;
  if (!(prefix >= 0 && prefix <= max)) return null;
  return { address, prefix, family };
}

/** The addresses a proxy speaks from, to ask of a request's peer. */
export function networkList(networks: readonly string[]): BlockList {
  const list = new BlockList();
  for (const text of networks) {
    const net = parseNetwork(text)!;
    list.addSubnet(net.address, net.prefix, net.family);
  }
  return list;
}

function isOrigin(text: string): boolean {
  try {
    const url = new URL(text);
    return (url.protocol === 'https:' || url.protocol === 'http:') && url.origin === text.replace(/\/$/, '');
  } catch {
    return false;
  }
}
