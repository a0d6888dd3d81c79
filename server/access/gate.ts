import type { IncomingMessage } from 'node:http';
import type { BlockList } from 'node:net';
import type { Store } from '../store/store';
import { networkList, type AccessConfig } from './config';
import { BOARD_COOKIE, cookiesOf, SESSION_COOKIE } from './cookies';
import { covers, levelOf, type Level, type Principal, type Role, type StoredAccessToken } from './model';
import { hashSecret, isSignedFor, secretKind, signFor, type SecretKind } from './secrets';

/** What a route needs: nothing, or a level (see ACCESS_RULES). */
export type Need = 'open' | Level;

/** Who a request is from, and what went wrong with what it presented, if anything. */
export interface Identity {
  principal: Principal;
  /** The token presented was revoked: a screen says so rather than asking to sign in. */
  revoked?: boolean;
  /** How the credentials came: a cookie or a proxy's header can be forged by another site's form (CSRF); a bearer header cannot. */
  viaBrowser: boolean;
}

/** A refusal, as the API answers it and a page words it. */
export interface Refusal {
  status: 401 | 403;
  code: 'unauthorized' | 'forbidden' | 'token_revoked' | 'csrf';
  message: string;
}

/** Uses of a token are written at most this often: a wall screen asks many times a minute. */
const TOUCH_EVERY_MS = 60_000;

export interface GateDeps {
  access: () => AccessConfig;
  /** People in the config, for a signed-in user's name. */
  personName: (id: string) => string | undefined;
  store: Store;
  /** The key CSRF tokens are signed with. */
  key: () => string;
  now?: () => number;
}

/**
 * Reads who a request is from (a bearer token, a session or board cookie, a trusted
 * proxy's header) and decides what it may do. The rules of which route needs what are
 * elsewhere (rules.ts); this is the one place that knows what each credential is worth.
 */
export class AccessGate {
  private readonly touched = new Map<string, number>();
  private proxyPeers: { from: readonly string[]; list: BlockList } | null = null;
  private readonly now: () => number;

  constructor(private readonly deps: GateDeps) {
    this.now = deps.now ?? Date.now;
  }

  /** Whether watching needs no credentials. */
  get boardIsPublic(): boolean {
    return this.deps.access().board === 'public';
  }

  /** Whether anyone may act: there is no way to sign in, and the board is public (as before access existed). */
  get actingIsOpen(): boolean {
    const access = this.deps.access();
    return access.board === 'public' && access.users.length === 0 && access.proxy === undefined;
  }

  async identify(req: Pick<IncomingMessage, 'headers' | 'socket'>, bearer?: string): Promise<Identity> {
    const given = bearer ?? bearerOf(req.headers.authorization);
    if (given !== undefined) return { ...(await this.byToken(given, 'api')), viaBrowser: false };
    const cookies = cookiesOf(req);
    const session = cookies[SESSION_COOKIE];
    if (session) {
      const person = await this.bySession(session);
      if (person) return { principal: person, viaBrowser: true };
    }
    const proxied = this.byProxy(req);
    if (proxied) return { principal: proxied, viaBrowser: true };
    const board = cookies[BOARD_COOKIE];
    if (board) return { ...(await this.byToken(board, 'board')), viaBrowser: true };
    return { principal: { kind: 'anonymous' }, viaBrowser: false };
  }

  /** A board token as a screen presents it in `/?token=`; null when it is not one (revoked tells why). */
  async boardToken(value: string): Promise<{ token: StoredAccessToken | null; revoked: boolean }> {
    return this.liveToken(value, ['board']);
  }

  /**
   * Allowed, or why not. Changes from a browser (a cookie, a proxy's header) also need
   * the CSRF token the page was given, or another site's form could act in its name.
   */
  decide(need: Need, identity: Identity, request: { method: string; csrf?: string }): Refusal | null {
    if (need === 'open') return null;
    if (need === 'read' && this.boardIsPublic) return null;
    if (need !== 'read' && this.actingIsOpen) return null;
    const level = levelOf(identity.principal);
    if (level === null) {
      if (identity.revoked) return { status: 403, code: 'token_revoked', message: "this screen's access was revoked: ask for a new board link" };
      return need === 'read'
        ? { status: 401, code: 'unauthorized', message: 'this board needs a board token, an API token or a signed-in person' }
        : { status: 401, code: 'unauthorized', message: `sign in as a ${need === 'admin' ? 'admin' : 'responder'} to do this` };
    }
    if (!covers(level, need)) return { status: 403, code: 'forbidden', message: `${describe(identity.principal)} may not do this: it needs ${need} access` };
    if (identity.viaBrowser && isChange(request.method) && !this.csrfMatches(identity.principal, request.csrf)) {
      return { status: 403, code: 'csrf', message: 'the request did not carry the page’s CSRF token: reload the page and try again' };
    }
    return null;
  }

  /** The CSRF token of a person signed in through the browser; null for anyone else. */
  csrfToken(principal: Principal): string | null {
    const subject = csrfSubject(principal);
    const key = this.deps.key();
    // No key before the server has started: no token, and no change from a browser passes.
    return subject === null || key === '' ? null : signFor(key, subject);
  }

  /** Whether `given` is the CSRF token of this person. */
  csrfMatches(principal: Principal, given: string | undefined): boolean {
    const subject = csrfSubject(principal);
    const key = this.deps.key();
    return subject !== null && key !== '' && given !== undefined && isSignedFor(key, subject, given);
  }

  private async byToken(value: string, as: 'api' | 'board'): Promise<Omit<Identity, 'viaBrowser'>> {
    // A bearer header may carry a board token too (a script reading what a screen reads).
    const { token, revoked } = await this.liveToken(value, as === 'board' ? ['board'] : ['api', 'board']);
    if (!token) return { principal: { kind: 'anonymous' }, ...(revoked ? { revoked } : {}) };
    return {
      principal:
        token.kind === 'board'
          ? { kind: 'board', tokenId: token.id, name: token.name }
          : { kind: 'api', tokenId: token.id, name: token.name, scope: token.scope },
    };
  }

  /** The stored token a value is, of one of `kinds`, not revoked (revoked says when it was); its use recorded. */
  private async liveToken(value: string, kinds: readonly SecretKind[]): Promise<{ token: StoredAccessToken | null; revoked: boolean }> {
    const kind = secretKind(value);
    if (kind === null || !kinds.includes(kind)) return { token: null, revoked: false };
    const token = await this.deps.store.accessTokenByHash(hashSecret(value));
    if (!token || token.kind !== kind) return { token: null, revoked: false };
    if (token.revokedAt !== null) return { token: null, revoked: true };
    this.touch(token.id);
    return { token, revoked: false };
  }

  private async bySession(value: string): Promise<Principal | null> {
    if (secretKind(value) !== 'session') return null;
    const hash = hashSecret(value);
    const session = await this.deps.store.session(hash, this.now());
    if (!session) return null;
    const user = this.deps.access().users.find((u) => u.id === session.userId);
    // A user removed from the config is signed out with it.
    if (!user) return null;
    return { kind: 'person', id: user.id, name: this.nameOf(user.id, user.name), role: user.role, via: 'password', sessionHash: hash };
  }

  private byProxy(req: Pick<IncomingMessage, 'headers' | 'socket'>): Principal | null {
    const proxy = this.deps.access().proxy;
    if (!proxy) return null;
    const user = headerValue(req.headers[proxy.userHeader.toLowerCase()]);
    const email = headerValue(req.headers[proxy.emailHeader.toLowerCase()]);
    if (!user && !email) return null;
    if (!this.fromProxy(req.socket.remoteAddress, proxy.from)) return null;
    const id = (user ?? email)!;
    const role: Role = (user !== undefined ? proxy.roles[user] : undefined) ?? (email !== undefined ? proxy.roles[email] : undefined) ?? proxy.defaultRole;
    return { kind: 'person', id, name: this.nameOf(id, undefined), role, via: 'proxy' };
  }

  /** Whether `address` is the reverse proxy the config names, whose X-Forwarded-* headers are believed. */
  trustsProxy(address: string | undefined): boolean {
    const proxy = this.deps.access().proxy;
    return proxy !== undefined && this.fromProxy(address, proxy.from);
  }

  private fromProxy(address: string | undefined, from: readonly string[]): boolean {
    if (!address) return false;
    if (this.proxyPeers?.from !== from) this.proxyPeers = { from, list: networkList(from) };
    const plain = address.startsWith('::ffff:') ? address.slice(7) : address;
    return this.proxyPeers.list.check(plain, plain.includes(':') ? 'ipv6' : 'ipv4');
  }

  private nameOf(id: string, configured: string | undefined): string {
    return configured ?? this.deps.personName(id) ?? id;
  }

  private touch(tokenId: string): void {
    const now = this.now();
    if (now - (this.touched.get(tokenId) ?? -Infinity) < TOUCH_EVERY_MS) return;
    this.touched.set(tokenId, now);
    // Last use is a convenience for the admin page: a failed write is not worth failing the request.
    this.deps.store.touchAccessToken(tokenId, now).catch(() => undefined);
  }
}

const isChange = (method: string) => !['GET', 'HEAD', 'OPTIONS'].includes(method.toUpperCase());

function bearerOf(header: string | undefined): string | undefined {
  if (!header) return undefined;
  const match = /^Bearer\s+(\S+)\s*$/i.exec(header);
  return match ? match[1] : '';
}

const headerValue = (value: string | string[] | undefined): string | undefined => {
  const text = Array.isArray(value) ? value[0] : value;
  const trimmed = text?.trim();
  return trimmed ? trimmed : undefined;
};

function csrfSubject(principal: Principal): string | null {
  if (principal.kind !== 'person') return null;
  return principal.via === 'password' ? `session:${principal.sessionHash}` : `proxy:${principal.id}`;
}

function describe(principal: Principal): string {
  switch (principal.kind) {
    case 'anonymous':
      return 'nobody';
    case 'board':
      return `the board token "${principal.name}"`;
    case 'api':
      return `the API token "${principal.name}" (${principal.scope})`;
    case 'person':
      return `${principal.name} (${principal.role})`;
  }
}
