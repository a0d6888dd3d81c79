/** `path` ("api/v1/query") under an API's base address, keeping any path prefix the base has (`https://host/prefix`). */
export function apiUrl(base: string, path: string): string {
  const url = new URL(base);
  if (!url.pathname.endsWith('/')) url.pathname += '/';
  return new URL(path.replace(/^\//, ''), url).toString();
}
