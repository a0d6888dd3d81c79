import type { Observation } from './types';

/** The record types a `dns` check can ask for. */
export const RECORD_TYPES = ['A', 'AAAA', 'CNAME', 'MX', 'TXT', 'SRV', 'NS'] as const;
export type RecordType = (typeof RECORD_TYPES)[number];

/** What the answers must satisfy; every part is optional. */
export interface DnsExpectation {
  /** The answers, as a set: no more, no fewer, any order. */
  equals?: string[] | undefined;
  /** Values that must each be among the answers. */
  contains?: string[] | undefined;
  /** At least this many answers. */
  minAnswers?: number | undefined;
}

/** One resolved query, ready to judge. */
export interface DnsAnswer {
  /** The name that was looked up. */
  domain: string;
  recordType: RecordType;
  /** Answers as text: "10.0.0.1", "10 mail.example.com", "10 5 5060 sip.example.com". */
  answers: string[];
  /** Who answered, for people: "127.0.0.1:5353" or "system (10.0.0.53)". */
  resolver: string;
  latencyMs: number;
}

const SHOWN_ANSWERS = 5;
const SHOWN_CHARS = 80;

function canonicalIpv6(text: string): string {
  try {
    return new URL(`http://[${text}]/`).hostname.slice(1, -1);
  } catch {
    return text.toLowerCase();
  }
}

/**
 * The form in which an answer or an expected value is compared, so that case, a
 * trailing dot or spacing never make a false mismatch. TXT is compared exactly.
 */
export function normaliseValue(recordType: RecordType, text: string): string {
  if (recordType === 'TXT') return text;
  if (recordType === 'AAAA') return canonicalIpv6(text.trim());
  return text
    .trim()
    .split(/\s+/)
    .map((token) => token.toLowerCase().replace(/\.$/, ''))
    .join(' ');
}

/** A list of answers for one line: the first few, each cut short if long. */
export function showAnswers(values: string[]): string {
  const shown = values.slice(0, SHOWN_ANSWERS).map((v) => (v.length > SHOWN_CHARS ? `${v.slice(0, SHOWN_CHARS - 1)}…` : v));
  const more = values.length > SHOWN_ANSWERS ? ` (+${values.length - SHOWN_ANSWERS} more)` : '';
  return `${shown.join(', ')}${more}`;
}

function mismatches({ recordType, answers }: DnsAnswer, expect: DnsExpectation): string[] {
  const norm = (v: string) => normaliseValue(recordType, v);
  const got = new Set(answers.map(norm));
  const problems: string[] = [];
  if (expect.equals) {
    const wanted = new Set(expect.equals.map(norm));
    const same = wanted.size === got.size && [...wanted].every((v) => got.has(v));
    if (!same) problems.push(`expected ${recordType} ${showAnswers(expect.equals)}, got ${showAnswers(answers)}`);
  }
  const missing = (expect.contains ?? []).filter((v) => !got.has(norm(v)));
  if (missing.length > 0) problems.push(`expected ${recordType} to include ${showAnswers(missing)}, got ${showAnswers(answers)}`);
  if (expect.minAnswers !== undefined && answers.length < expect.minAnswers) {
    problems.push(`expected at least ${expect.minAnswers} ${recordType} answers, got ${answers.length}`);
  }
  return problems;
}

/** The verdict on a query that was answered: failed if the answers break the expectation. */
export function judgeAnswers(answer: DnsAnswer, expect: DnsExpectation = {}): Observation {
  const details = { domain: answer.domain, recordType: answer.recordType, answers: answer.answers, resolver: answer.resolver };
  if (answer.answers.length === 0)
    return { outcome: 'failed', message: `${answer.domain}: no ${answer.recordType} records`, latencyMs: answer.latencyMs, details };
  const problems = mismatches(answer, expect);
  if (problems.length > 0) return { outcome: 'failed', message: problems.join('; '), latencyMs: answer.latencyMs, details };
  return { outcome: 'ok', message: `${answer.recordType} ${showAnswers(answer.answers)}`, latencyMs: answer.latencyMs, details };
}

/** A resolver error (Node's `dns` codes) as the line a person reads. */
export function describeDnsError(code: string | undefined, query: { domain: string; recordType: RecordType; resolver: string }): string {
  switch (code) {
    case 'ENOTFOUND':
      return `${query.domain}: no such name (NXDOMAIN)`;
    case 'ENODATA':
      return `${query.domain}: no ${query.recordType} records`;
    case 'ETIMEOUT':
      return `no answer from resolver ${query.resolver}`;
    case 'ECONNREFUSED':
      return `resolver ${query.resolver} refused the connection`;
    case 'ESERVFAIL':
      return `${query.domain}: the resolver could not answer (SERVFAIL)`;
    case 'EREFUSED':
      return `${query.domain}: the resolver refused the query (REFUSED)`;
    case 'ENOTIMP':
      return `${query.domain}: the resolver does not support this query (NOTIMP)`;
    case 'EBADRESP':
    case 'EFORMERR':
      return `resolver ${query.resolver} sent a malformed answer`;
    case 'EBADNAME':
      return `"${query.domain}" is not a valid name`;
    case 'ECANCELLED':
      return 'aborted';
    default:
      return `DNS error${code ? ` ${code}` : ''} for ${query.domain}`;
  }
}
