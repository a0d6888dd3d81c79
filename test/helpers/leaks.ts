/**
 * Finds a secret in a text, however it was encoded on the way: the text is read as
 * it is, and again with every percent-escape, JSON escape, HTML entity and base64 or
 * base64url run decoded, and each of those decoded once more (base64 of JSON, JSON in
 * JSON…); the secret is looked for in every reading. Written apart from the server's
 * masking so that it does not share its blind spots.
 */
export function findSecrets(text: string, secrets: readonly string[]): string[] {
  const once = decodings(text);
  const views = [text, ...once, ...once.flatMap(decodings)];
  return secrets.filter((secret) => views.some((view) => view.includes(secret)));
}

function decodings(text: string): string[] {
  return [unescapeJson(text), decodePercent(text), decodePercent(text.replaceAll('+', ' ')), decodeHtml(text), decodeBase64Runs(text)];
}

function unescapeJson(text: string): string {
  return text.replace(/\\u([0-9a-fA-F]{4})/g, (_, hex: string) => String.fromCharCode(parseInt(hex, 16))).replace(/\\(["\\/])/g, '$1');
}

function decodePercent(text: string): string {
  return text.replace(/(%[0-9a-fA-F]{2})+/g, (run) => {
    try {
      return decodeURIComponent(run);
    } catch {
      return run;
    }
  });
}

function decodeHtml(text: string): string {
  const named: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" };
  return text.replace(/&(#\d+|[a-z]+);/g, (entity, name: string) =>
    name.startsWith('#') ? String.fromCharCode(Number(name.slice(1))) : (named[name] ?? entity),
  );
}

/** Every run that could be base64 (or base64url), decoded as UTF-8 from each start within its first four characters. */
function decodeBase64Runs(text: string): string {
  return [...text.matchAll(/[A-Za-z0-9+/_-]{8,}/g)]
    .flatMap(([run]) => [0, 1, 2, 3].map((skip) => Buffer.from(run.slice(skip).replaceAll('-', '+').replaceAll('_', '/'), 'base64').toString('utf8')))
    .join('\n');
}
