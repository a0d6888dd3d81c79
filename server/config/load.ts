import { readFile } from 'node:fs/promises';
import { LineCounter, parseDocument, visit, type Alias, type Document, type YAMLError } from 'yaml';
import { createRedactor } from '../checks/redact';
import type { z } from 'zod';
import { substituteEnv } from './env';
import { didYouMean } from './closest';
import { knownFieldsAt } from './known-fields';
import { lineOfOffset, lineOfPath } from './locate';
import { referenceProblems } from './references';
import { maskShownFields } from './shown';
import { configSchema, type Config } from './schema';

/** One thing wrong with a config file, placed where a person can find it. */
export interface ConfigProblem {
  line: number | null;
  /** Dotted path of the field: `services[0].checks[1].interval`. */
  field: string;
  message: string;
}

/** A config that cannot be used. Its message lists every problem, each with file and line. */
export class ConfigError extends Error {
  readonly file: string;
  readonly problems: ConfigProblem[];

  constructor(file: string, problems: ConfigProblem[]) {
    const sorted = [...problems].sort((a, b) => (a.line ?? 0) - (b.line ?? 0));
    const lines = sorted.map((p) => `  ${file}:${p.line ?? '?'}: ${p.field ? `${p.field}: ` : ''}${p.message}`);
    super(`invalid config ${file} (${sorted.length} problem${sorted.length === 1 ? '' : 's'}):\n${lines.join('\n')}`);
    this.name = 'ConfigError';
    this.file = file;
    this.problems = sorted;
  }
}

export interface LoadedConfig {
  config: Config;
  file: string;
  /** Values taken from the environment; they must never reach a log or a board. */
  secrets: string[];
}

export function formatPath(path: readonly PropertyKey[]): string {
  return path.reduce<string>((text, segment) => {
    if (typeof segment === 'number') return `${text}[${segment}]`;
    return text ? `${text}.${String(segment)}` : String(segment);
  }, '');
}

/** What a problem needs to say where it is and what would fit. */
interface Lookup {
  line: (path: readonly PropertyKey[]) => number | null;
  /** The document as written (after `${VAR}`). */
  document: unknown;
}

function valueAt(document: unknown, path: readonly PropertyKey[]): unknown {
  return path.reduce<unknown>(
    (value, segment) => (value && typeof value === 'object' ? (value as Record<PropertyKey, unknown>)[segment] : undefined),
    document,
  );
}

function problemsFromZod(issues: z.core.$ZodIssue[], lookup: Lookup): ConfigProblem[] {
  return issues.flatMap((issue): ConfigProblem[] => {
    if (issue.code === 'unrecognized_keys') {
      const known = knownFieldsAt(configSchema, lookup.document, issue.path);
      return issue.keys.map((key) => {
        const path = [...issue.path, key];
        return { line: lookup.line(path), field: formatPath(path), message: `unknown field "${key}"${didYouMean(key, known)}` };
      });
    }
    let message = issue.message;
    // "expected one of GET|POST…": name the one that was probably meant.
    const written = valueAt(lookup.document, issue.path);
    if (issue.code === 'invalid_value' && typeof written === 'string')
      message += didYouMean(
        written,
        issue.values.filter((v) => typeof v === 'string'),
      );
    return [{ line: lookup.line(issue.path), field: formatPath(issue.path), message }];
  });
}

function yamlProblem(text: string, lines: LineCounter, error: YAMLError): ConfigProblem {
  const line = lineOfOffset(lines, error.pos[0]);
  // The parser says only "Map keys must be unique"; say which.
  if (error.code === 'DUPLICATE_KEY') {
    const key = /^\s*["']?([^"':\n]*)/.exec(text.slice(error.pos[0]))?.[1]?.trim() ?? '';
    return { line, field: '', message: `duplicate key "${key}"` };
  }
  return { line, field: '', message: error.message.split('\n')[0] ?? error.code };
}

/**
 * Where an alias that could not be followed stands, and why: one with no anchor before it,
 * or aliases of aliases that would expand past the parser's limit (a "billion laughs").
 */
function aliasProblem(doc: Document, lines: LineCounter): ConfigProblem {
  const aliases: Alias[] = [];
  visit(doc, { Alias: (_key, node) => void aliases.push(node) });
  const unresolved = aliases.find((alias) => alias.resolve(doc) === undefined);
  if (unresolved)
    return {
      line: lineOfOffset(lines, unresolved.range?.[0] ?? null),
      field: '',
      message: `alias *${unresolved.source} has no anchor &${unresolved.source} before it`,
    };
  return {
    line: lineOfOffset(lines, aliases[0]?.range?.[0] ?? null),
    field: '',
    message: 'aliases expand to too many values (aliases of aliases multiply): write some of the values out',
  };
}

/** The document as plain values. Aliases are only followed here, so one that cannot be is a problem of the file, not a crash. */
function plainValues(doc: Document, lines: LineCounter, file: string): unknown {
  try {
    return doc.toJS() ?? {};
  } catch (error) {
    if (!(error instanceof ReferenceError)) throw error;
    throw new ConfigError(file, [aliasProblem(doc, lines)]);
  }
}

const samePath = (a: readonly PropertyKey[], b: readonly PropertyKey[]) => a.length === b.length && a.every((segment, i) => segment === b[i]);

/** Parses and validates config text. Throws ConfigError naming every problem, of shape and of reference alike. */
export function parseConfig(text: string, file: string, env: Record<string, string | undefined> = process.env): LoadedConfig {
  const lines = new LineCounter();
  const doc = parseDocument(text, { lineCounter: lines, prettyErrors: false, uniqueKeys: true });
  if (doc.errors.length > 0)
    throw new ConfigError(
      file,
      doc.errors.map((e) => yamlProblem(text, lines, e)),
    );
  const { missing, secrets } = substituteEnv(doc, env);
  const document = plainValues(doc, lines, file);
  const lookup: Lookup = { line: (path) => lineOfPath(doc, lines, path), document };
  const problems: ConfigProblem[] = missing.map((m) => ({
    line: lineOfOffset(lines, m.offset),
    field: formatPath(m.path),
    message: `environment variable ${m.name} is not set`,
  }));
  const result = configSchema.safeParse(document);
  const issues = result.success ? [] : result.error.issues;
  // One problem per field: an unset variable, then the schema, then references.
  const taken = (path: readonly PropertyKey[]) => missing.some((m) => samePath(m.path, path)) || issues.some((i) => samePath(i.path, path));
  problems.push(
    ...problemsFromZod(
      issues.filter((issue) => !missing.some((m) => samePath(m.path, issue.path))),
      lookup,
    ),
  );
  for (const { path, message } of referenceProblems(document)) {
    if (!taken(path)) problems.push({ line: lookup.line(path), field: formatPath(path), message });
  }
  if (problems.length > 0) {
    // A message may quote a value (and a field name a key), and either may have come from the environment.
    const redact = createRedactor(secrets);
    throw new ConfigError(
      file,
      problems.map((p) => ({ ...p, field: redact(p.field), message: redact(p.message) })),
    );
  }
  return { config: maskShownFields(result.data!, createRedactor(secrets)), file, secrets };
}

export async function loadConfigFile(file: string, env: Record<string, string | undefined> = process.env): Promise<LoadedConfig> {
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (error) {
    throw new ConfigError(file, [{ line: null, field: '', message: `cannot read file: ${(error as Error).message}` }]);
  }
  return parseConfig(text, file, env);
}
