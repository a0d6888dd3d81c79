import type { ServiceView, TeamOncallView } from './api';
import type { ServiceUpdateMessage, ServiceUpdatePayload, SnapshotMessage, SnapshotPayload } from './events';

/** Turns gzip bytes into the text they hold. */
export type Gunzip = (bytes: Uint8Array<ArrayBuffer>) => string | Promise<string>;

/**
 * Turns a snapshot as it travels into the board it describes. By default with the
 * web-standard DecompressionStream, present in browsers and in Node; a Node program
 * that decodes many snapshots may pass zlib's faster synchronous gunzip instead.
 */
export async function decodeSnapshot(message: SnapshotMessage, gunzip: Gunzip = gunzipToText): Promise<SnapshotPayload> {
  if (message.encoding !== 'json+gzip') throw new Error(`snapshot encoding "${String(message.encoding)}" is not supported`);
  const services = JSON.parse(await gunzip(bytesOf(message.data))) as ServiceView[];
  if (!Array.isArray(services) || services.length !== message.count) {
    throw new Error(`snapshot holds ${Array.isArray(services) ? services.length : 'no'} services, expected ${message.count}`);
  }
  const payload: SnapshotPayload = { epoch: message.epoch, seq: message.seq, generatedAt: message.generatedAt, services, notices: message.notices ?? [] };
  if (message.oncallData) payload.oncall = JSON.parse(await gunzip(bytesOf(message.oncallData))) as TeamOncallView[];
  return payload;
}

/**
 * Turns a `service:update` as it travels into the services it holds. A plain one is
 * returned as it is, synchronously, so a lone change is applied without waiting a turn.
 */
export function decodeServiceUpdate(message: ServiceUpdateMessage, gunzip: Gunzip = gunzipToText): ServiceUpdatePayload | Promise<ServiceUpdatePayload> {
  if ('services' in message) return message;
  if (message.encoding !== 'json+gzip') throw new Error(`service:update encoding "${String(message.encoding)}" is not supported`);
  const parse = (text: string): ServiceUpdatePayload => {
    const services = JSON.parse(text) as ServiceView[];
    if (!Array.isArray(services) || services.length !== message.count) {
      throw new Error(`service:update holds ${Array.isArray(services) ? services.length : 'no'} services, expected ${message.count}`);
    }
    return { epoch: message.epoch, seq: message.seq, services };
  };
  const text = gunzip(bytesOf(message.data));
  return typeof text === 'string' ? parse(text) : text.then(parse);
}

// Socket.IO hands over a Buffer in Node and an ArrayBuffer in browsers; never shared memory.
const bytesOf = (data: ArrayBuffer | Uint8Array) => (data instanceof Uint8Array ? data : new Uint8Array(data)) as Uint8Array<ArrayBuffer>;

async function gunzipToText(bytes: BufferSource): Promise<string> {
  const compressed = new ReadableStream<BufferSource>({
    start(controller) {
      controller.enqueue(bytes);
      controller.close();
    },
  });
  const reader = compressed.pipeThrough(new DecompressionStream('gzip')).getReader();
  const chunks: Uint8Array[] = [];
  let length = 0;
  for (let chunk = await reader.read(); !chunk.done; chunk = await reader.read()) {
    chunks.push(chunk.value);
    length += chunk.value.byteLength;
  }
  // One decode of the whole body: cheaper than decoding chunk by chunk into a growing string.
  const whole = new Uint8Array(length);
  let offset = 0;
  for (const chunk of chunks) {
    whole.set(chunk, offset);
    offset += chunk.byteLength;
  }
  return new TextDecoder().decode(whole);
}
