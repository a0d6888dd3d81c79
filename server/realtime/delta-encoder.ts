import { gzipSync } from 'node:zlib';
import type { ServiceView } from '../../shared/api';
import { DELTA_COMPRESS_BYTES, type Sequenced, type ServiceUpdateMessage } from '../../shared/events';

/**
 * A batch of changed services as it travels: plain while small, gzip-compressed once above
 * DELTA_COMPRESS_BYTES, so the same few bytes go to every board. Synchronous, as the
 * snapshot's encoding is, so deltas leave in the order of their seq.
 */
export function encodeServiceUpdate(at: Sequenced, services: ServiceView[]): ServiceUpdateMessage {
  const json = JSON.stringify(services);
  if (json.length <= DELTA_COMPRESS_BYTES) return { epoch: at.epoch, seq: at.seq, services };
  return { epoch: at.epoch, seq: at.seq, count: services.length, encoding: 'json+gzip', data: gzipSync(json, { level: 6 }) };
}
