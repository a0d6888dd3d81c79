import { isMap, isPair, isScalar, isSeq, type Document, type LineCounter, type Node } from 'yaml';

function keyOf(pair: unknown): unknown {
  return isPair(pair) && isScalar(pair.key) ? pair.key.value : undefined;
}

/**
 * The 1-based line of the deepest node that exists along `path`. A field that is
 * missing points at its parent; a field that exists points at its key, which is the
 * line a person looks for.
 */
export function lineOfPath(doc: Document, lines: LineCounter, path: readonly PropertyKey[]): number | null {
  let node: unknown = doc.contents;
  let offset: number | null = doc.contents?.range?.[0] ?? null;
  for (const segment of path) {
    if (isMap(node)) {
      const pair = node.items.find((item) => keyOf(item) === segment);
      if (!pair) break;
      offset = (pair.key as Node | null)?.range?.[0] ?? offset;
      node = pair.value;
    } else if (isSeq(node) && typeof segment === 'number') {
      const item = node.items[segment] as Node | undefined;
      if (!item) break;
      offset = item.range?.[0] ?? offset;
      node = item;
    } else {
      break;
    }
  }
  return offset === null ? null : lines.linePos(offset).line;
}

export function lineOfOffset(lines: LineCounter, offset: number | null): number | null {
  return offset === null ? null : lines.linePos(offset).line;
}
