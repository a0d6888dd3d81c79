/**
 * Reads a response body whole, as text, unless it grows past `limit` bytes: then the rest
 * is left unread (the connection is dropped) and the answer is null. Stops at once when
 * `signal` aborts. For answers that are only useful whole: a feed, a status page, a JSON API.
 */
export async function readWhole(body: AsyncIterable<Buffer> & { destroy(): void }, limit: number, signal?: AbortSignal): Promise<string | null> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of body) {
    signal?.throwIfAborted();
    size += chunk.length;
    if (size > limit) {
      body.destroy();
      return null;
    }
    chunks.push(chunk);
  }
  return Buffer.concat(chunks).toString('utf8');
}
