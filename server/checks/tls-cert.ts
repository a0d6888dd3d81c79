import type { PeerCertificate } from 'node:tls';
import type { Observation } from './types';

const DAY_MS = 24 * 60 * 60 * 1_000;

/** What a server's certificate says about itself. */
export interface CertificateFacts {
  /** "CN=shop.example.com, O=Example Ltd" */
  subject: string;
  issuer: string;
  /** "DNS:shop.example.com", "IP Address:10.0.0.1"… */
  subjectAltNames: string[];
  validFrom: Date;
  validTo: Date;
  /** SHA-256 fingerprint, colon-separated hex. */
  fingerprint: string;
}

/** How the certificate fared against the trusted CAs and the name we asked for. */
export interface Verification {
  /** The name the certificate must cover (the SNI name, or the host). */
  hostname: string;
  /** OpenSSL's reason the chain does not verify (`DEPTH_ZERO_SELF_SIGNED_CERT`…), or null. */
  chainError: string | null;
  /** Whether the certificate covers `hostname`. */
  hostnameMatches: boolean;
}

/** Everything the judge needs from one handshake. */
export interface Handshake {
  certificate: CertificateFacts;
  verification: Verification;
  /** The moment to judge the dates against. */
  now: Date;
  /** Fewer whole days left than this: degraded. */
  warnDays: number;
  latencyMs: number;
}

function formatName(name: PeerCertificate['subject'] | undefined): string {
  if (!name) return '';
  return Object.entries(name)
    .flatMap(([key, value]) => (Array.isArray(value) ? value : [value]).map((v) => `${key}=${String(v)}`))
    .join(', ');
}

/** The facts of a certificate as Node hands it over after a handshake. */
export function readCertificate(peer: PeerCertificate): CertificateFacts {
  return {
    subject: formatName(peer.subject),
    issuer: formatName(peer.issuer),
    subjectAltNames: peer.subjectaltname ? peer.subjectaltname.split(', ') : [],
    validFrom: new Date(peer.valid_from),
    validTo: new Date(peer.valid_to),
    fingerprint: peer.fingerprint256,
  };
}

const day = (date: Date) => date.toISOString().slice(0, 10);
const days = (n: number) => (n === 1 ? '1 day' : `${n} days`);

// The dates are judged from the certificate itself; these codes only add something
// when the leaf's own dates are fine, i.e. another certificate in the chain is out of date.
const CHAIN_DATE_ERRORS: Record<string, string> = {
  CERT_HAS_EXPIRED: 'a certificate in the chain has expired',
  CERT_NOT_YET_VALID: 'a certificate in the chain is not valid yet',
};

const UNKNOWN_ISSUER = 'certificate issuer is not trusted (unknown issuer)';
const CHAIN_ERRORS: Record<string, string> = {
  DEPTH_ZERO_SELF_SIGNED_CERT: 'self-signed certificate (not trusted)',
  SELF_SIGNED_CERT_IN_CHAIN: 'certificate chain ends in an untrusted self-signed root',
  UNABLE_TO_GET_ISSUER_CERT_LOCALLY: UNKNOWN_ISSUER,
  UNABLE_TO_GET_ISSUER_CERT: UNKNOWN_ISSUER,
  UNABLE_TO_VERIFY_LEAF_SIGNATURE: UNKNOWN_ISSUER,
  CERT_SIGNATURE_FAILURE: 'certificate signature does not verify',
  CERT_REVOKED: 'certificate has been revoked',
  INVALID_CA: 'certificate chain contains a certificate that may not act as a CA',
};

function dateProblem({ validFrom, validTo }: CertificateFacts, now: Date): string | null {
  if (now.getTime() > validTo.getTime()) {
    const ago = Math.floor((now.getTime() - validTo.getTime()) / DAY_MS);
    return `certificate expired ${ago === 0 ? 'less than a day' : days(ago)} ago (${day(validTo)})`;
  }
  if (now.getTime() < validFrom.getTime()) return `certificate is not valid before ${day(validFrom)}`;
  return null;
}

function chainProblem(code: string | null, leafDatesOk: boolean): string | null {
  if (!code) return null;
  if (code in CHAIN_DATE_ERRORS) return leafDatesOk ? CHAIN_DATE_ERRORS[code]! : null;
  return CHAIN_ERRORS[code] ?? `certificate is not trusted (${code})`;
}

function hostnameProblem(certificate: CertificateFacts, { hostname, hostnameMatches }: Verification): string | null {
  if (hostnameMatches) return null;
  const names = certificate.subjectAltNames.length > 0 ? certificate.subjectAltNames.join(', ') : certificate.subject;
  return `certificate does not match ${hostname} (it names ${names || 'nothing'})`;
}

/** Whole days from `now` until the certificate expires; negative once it has. */
export function daysLeft(validTo: Date, now: Date): number {
  return Math.floor((validTo.getTime() - now.getTime()) / DAY_MS);
}

/**
 * The verdict on one certificate: out of date, untrusted or for another name → failed
 * (every such problem named); within `warnDays` of expiry → degraded; else ok.
 * The facts are reported either way, so a person sees what the server presented.
 */
export function judgeCertificate({ certificate, verification, now, warnDays, latencyMs }: Handshake): Observation {
  const left = daysLeft(certificate.validTo, now);
  const details = {
    subject: certificate.subject,
    issuer: certificate.issuer,
    subjectAltNames: certificate.subjectAltNames,
    validFrom: certificate.validFrom.toISOString(),
    validTo: certificate.validTo.toISOString(),
    daysLeft: left,
    fingerprint: certificate.fingerprint,
    hostname: verification.hostname,
    trusted: verification.chainError === null,
    chainError: verification.chainError,
    hostnameMatches: verification.hostnameMatches,
  };
  const dates = dateProblem(certificate, now);
  const problems = [dates, chainProblem(verification.chainError, dates === null), hostnameProblem(certificate, verification)].filter(
    (p): p is string => p !== null,
  );
  if (problems.length > 0) return { outcome: 'failed', message: problems.join('; '), latencyMs, details };
  if (left < warnDays) {
    const when = left === 0 ? 'within a day' : `in ${days(left)}`;
    return { outcome: 'degraded', message: `certificate expires ${when} (${day(certificate.validTo)})`, latencyMs, details };
  }
  return { outcome: 'ok', message: `certificate valid for ${days(left)} (until ${day(certificate.validTo)})`, latencyMs, details };
}
