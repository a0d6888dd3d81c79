import { keyLabel } from './key-label';

/** Nested objects deeper than this are shown as JSON text rather than ever more indented lists. */
const MAX_DEPTH = 2;

export interface KeyValueListProps {
  /** The facts to list, in their own order. */
  values: Record<string, unknown>;
  /** Whether the keys are names from the server's code (labelled in words) or data (shown as they are, e.g. headers). */
  rawKeys?: boolean;
  /** How deeply nested this list is; deeper values are shown as JSON text. */
  depth?: number;
}

/** Any check's details as a readable list of what and value. */
export function KeyValueList({ values, rawKeys = false, depth = 0 }: KeyValueListProps) {
  const entries = Object.entries(values);
  if (entries.length === 0) return null;
  return (
    <dl className="key-values">
      {entries.map(([key, value]) => (
        <div key={key} className="key-value">
          <dt>{rawKeys ? key : keyLabel(key)}</dt>
          <dd>
            <Value name={key} value={value} depth={depth} />
          </dd>
        </div>
      ))}
    </dl>
  );
}

// Keys whose entries are data (header names, say), not field names to put into words.
const DATA_KEYS = new Set(['headers']);

function Value({ name, value, depth }: { name: string; value: unknown; depth: number }) {
  if (value === null || value === undefined) return <span className="dim">—</span>;
  if (typeof value === 'string') return value.includes('\n') || value.length > 120 ? <pre>{value}</pre> : <>{value}</>;
  if (typeof value === 'number' || typeof value === 'boolean') return <>{formatScalar(name, value)}</>;
  if (Array.isArray(value) && value.every((v) => typeof v !== 'object' || v === null)) return <>{value.map(String).join(', ')}</>;
  if (!Array.isArray(value) && typeof value === 'object' && depth < MAX_DEPTH) {
    return <KeyValueList values={value as Record<string, unknown>} rawKeys={DATA_KEYS.has(name)} depth={depth + 1} />;
  }
  return <pre>{JSON.stringify(value, null, 2)}</pre>;
}

function formatScalar(name: string, value: number | boolean): string {
  if (typeof value === 'boolean') return value ? 'yes' : 'no';
  return /.Ms$/.test(name) ? `${value} ms` : String(value);
}
