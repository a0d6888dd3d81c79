import type { ServiceView } from './api';
import type { SnapshotMessage, SnapshotPayload } from './events';

/**
 * Turns a snapshot as it travels into the board it describes. Uses the web-standard
 * DecompressionStream, present in browsers and in Node, so both sides share it.
 */
export async function decodeSnapshot(message: SnapshotMessage): Promise<SnapshotPayload> {
  if (message.encoding !== 'json+gzip') throw new Error(`snapshot encoding "${String(message.encoding)}" is not supported`);
  // Socket.IO hands over a Buffer in Node and an ArrayBuffer in browsers; never shared memory.
  const bytes = (message.data instanceof Uint8Array ? message.data : new Uint8Array(message.data)) as Uint8Array<ArrayBuffer>;
  const services = JSON.parse(await gunzipToText(bytes)) as ServiceView[];
  if (!Array.isArray(services) || services.length !== message.count) {
    throw new Error(`snapshot holds ${Array.isArray(services) ? services.length : 'no'} services, expected ${message.count}`);
  }
  return { epoch: message.epoch, seq: message.seq, generatedAt: message.generatedAt, services };
}

async function gunzipToText(bytes: BufferSource): Promise<string> {
  const compressed = new ReadableStream<BufferSource>({
    start(controller) {
      controller.enqueue(bytes);
      controller.close();
    },
  });
  const reader = compressed.pipeThrough(new DecompressionStream('gzip')).getReader();
  const decoder = new TextDecoder();
  let text = '';
  for (let chunk = await reader.read(); !chunk.done; chunk = await reader.read()) text += decoder.decode(chunk.value, { stream: true });
  return text + decoder.decode();
}
