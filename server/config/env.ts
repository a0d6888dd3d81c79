import { isPair, isScalar, isSeq, visit, type Document } from 'yaml';

/** A `${VAR}` that the environment does not define, and where it stands in the file. */
export interface MissingVariable {
  name: string;
  offset: number | null;
  /** The field it stands in, as keys and indexes from the top of the document. */
  path: PropertyKey[];
}

const REFERENCE = /\$\$\{|\$\{([A-Za-z_][A-Za-z0-9_]*)(?::-([^}]*))?\}/g;
const WHOLE_REFERENCE = /^\$\{[A-Za-z_][A-Za-z0-9_]*(?::-[^}]*)?\}$/;
const PLAIN_NUMBER_OR_BOOL = /^(-?\d+(\.\d+)?|true|false)$/;

// Where a service lives is not a secret, and masking "8080" would also mask it in every
// unrelated number; a value in a credential field is masked by its check anyway.
const NOT_SECRET_NAME = /(^|_)(PORT|HOST|HOSTNAME)$/i;
const SHORT_NUMBER = /^\d{1,5}$/;

/** Whether the value of an environment variable must be kept out of every message. */
export function isSecretVariable(name: string, value: string): boolean {
  return !NOT_SECRET_NAME.test(name) && !SHORT_NUMBER.test(value);
}

/** The keys and indexes that lead from the document to a node, from the ancestors `visit` gives. */
function pathOf(ancestors: readonly unknown[], node: unknown): PropertyKey[] {
  const path: PropertyKey[] = [];
  const chain = [...ancestors, node];
  chain.forEach((item, index) => {
    const child = chain[index + 1];
    if (isPair(item) && isScalar(item.key) && child === item.value) path.push(item.key.value as PropertyKey);
    else if (isSeq(item) && child !== undefined) path.push(item.items.indexOf(child));
  });
  return path;
}

/**
 * Replaces `${VAR}` and `${VAR:-default}` in every string value of the document,
 * after parsing, so a value can never change the YAML structure. `$${` is a literal `${`.
 * A plain (unquoted) value that was only a reference and reads as a number or boolean
 * becomes one, so `port: ${DB_PORT}` works. Returns what it could not resolve and the
 * values taken from the environment that must be treated as secret (see isSecretVariable).
 */
export function substituteEnv(doc: Document, env: Record<string, string | undefined>) {
  const missing: MissingVariable[] = [];
  const secrets = new Set<string>();
  visit(doc, {
    Scalar(_key, node, ancestors) {
      if (typeof node.value !== 'string' || !node.value.includes('$')) return;
      const original = node.value;
      const replaced = original.replace(REFERENCE, (match, name: string | undefined, fallback: string | undefined) => {
        if (match === '$${') return '${';
        const value = env[name!];
        if (value !== undefined && value !== '') {
          if (isSecretVariable(name!, value)) secrets.add(value);
          return value;
        }
        if (fallback !== undefined) return fallback;
        missing.push({ name: name!, offset: node.range?.[0] ?? null, path: pathOf(ancestors, node) });
        return '';
      });
      const plain = isScalar(node) && node.type === 'PLAIN';
      if (plain && WHOLE_REFERENCE.test(original) && PLAIN_NUMBER_OR_BOOL.test(replaced)) {
        node.value = replaced === 'true' ? true : replaced === 'false' ? false : Number(replaced);
      } else {
        node.value = replaced;
      }
    },
  });
  return { missing, secrets: [...secrets] };
}
