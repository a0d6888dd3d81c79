import { gzipSync } from 'node:zlib';
import type { BoardNotice, ServiceView, TeamOncallView } from '../../shared/api';
import type { Sequenced, SnapshotMessage } from '../../shared/events';

/**
 * Encodes the board once per version and hands the same message to every socket
 * until the board changes. Compressing here, once, instead of per socket in the
 * transport, is what lets a storm of reconnecting boards cost one encoding.
 */
export class SnapshotEncoder {
  private cached: { epoch: string; seq: number; version: number; message: SnapshotMessage } | null = null;
  private version = 0;

  constructor(
    private readonly views: () => ServiceView[],
    /** What is wrong with the server itself, sent with every snapshot. */
    private readonly notices: () => BoardNotice[] = () => [],
    /** Every team's on-call, sent with every snapshot. */
    private readonly oncall: () => TeamOncallView[] = () => [],
  ) {}

  /** Something in the board changed that no delta announced (a config reload, the notices). */
  invalidate(): void {
    this.version += 1;
  }

  /** The snapshot at position `at` of the delta stream, from the cache when nothing changed since. */
  encode(at: Sequenced): SnapshotMessage {
    const c = this.cached;
    if (c && c.epoch === at.epoch && c.seq === at.seq && c.version === this.version) return c.message;
    const services = this.views();
    // Synchronous on purpose: the message must describe exactly `at`, with no delta
    // slipping in between. A 2,000-service board takes a few milliseconds.
    const data = gzipSync(JSON.stringify(services), { level: 6 });
    const message: SnapshotMessage = {
      epoch: at.epoch,
      seq: at.seq,
      generatedAt: new Date().toISOString(),
      count: services.length,
      encoding: 'json+gzip',
      data,
      notices: this.notices(),
    };
    const oncall = this.oncall();
    if (oncall.length > 0) message.oncallData = gzipSync(JSON.stringify(oncall), { level: 6 });
    this.cached = { epoch: at.epoch, seq: at.seq, version: this.version, message };
    return message;
  }
}
