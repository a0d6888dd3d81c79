/**
 * A field name in words: "statusCode" → "Status code". A unit suffix goes, since the
 * value carries it: "totalMs" → "Total" (shown "38 ms").
 */
export function keyLabel(key: string): string {
  const words = key
    .replace(/(.)Ms$/, '$1')
    .replace(/([a-z0-9])([A-Z])/g, '$1 $2')
    .toLowerCase();
  return words.charAt(0).toUpperCase() + words.slice(1);
}
