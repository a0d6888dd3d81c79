import { isScalar, visit, type Document } from 'yaml';

/** A `${VAR}` that the environment does not define, and where it stands in the file. */
export interface MissingVariable {
  name: string;
  offset: number | null;
}

const REFERENCE = /\$\$\{|\$\{([A-Za-z_][A-Za-z0-9_]*)(?::-([^}]*))?\}/g;
const WHOLE_REFERENCE = /^\$\{[A-Za-z_][A-Za-z0-9_]*(?::-[^}]*)?\}$/;
const PLAIN_NUMBER_OR_BOOL = /^(-?\d+(\.\d+)?|true|false)$/;

/**
 * Replaces `${VAR}` and `${VAR:-default}` in every string value of the document,
 * after parsing, so a value can never change the YAML structure. `$${` is a literal `${`.
 * A plain (unquoted) value that was only a reference and reads as a number or boolean
 * becomes one, so `port: ${DB_PORT}` works. Returns what it could not resolve and every
 * value taken from the environment, which must be treated as secret.
 */
export function substituteEnv(doc: Document, env: Record<string, string | undefined>) {
  const missing: MissingVariable[] = [];
  const secrets = new Set<string>();
  visit(doc, {
    Scalar(_key, node) {
      if (typeof node.value !== 'string' || !node.value.includes('$')) return;
      const original = node.value;
      const replaced = original.replace(REFERENCE, (match, name: string | undefined, fallback: string | undefined) => {
        if (match === '$${') return '${';
        const value = env[name!];
        if (value !== undefined && value !== '') {
          secrets.add(value);
          return value;
        }
        if (fallback !== undefined) return fallback;
        missing.push({ name: name!, offset: node.range?.[0] ?? null });
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
