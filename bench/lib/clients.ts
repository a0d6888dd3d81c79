import type { ChildProcess } from 'node:child_process';
import { forkEntry, nextMessage, ofType } from './child';
import { stopChild } from './cleanup';
import type { ClientsReply, ClientsRequest, ConnectReport, DeliveredReport } from './clients-process';

/** What all load-generating processes together saw of one connect wave. */
export interface WaveReport {
  ok: number;
  failed: Record<string, number>;
  /** Earliest connect start → latest snapshot, across processes (Date.now() on one machine). */
  wallMs: number;
  snapshotMs: number[];
}

/** Socket.IO clients spread over several child processes, so they do not share the measured loops. */
export class ClientPool {
  private readonly children: ChildProcess[];

  constructor(processes: number) {
    this.children = Array.from({ length: processes }, () => forkEntry('clients-process'));
  }

  /** Process ids of the load generators, to read their CPU use. */
  get pids(): number[] {
    return this.children.map((child) => child.pid!);
  }

  private send(child: ChildProcess, request: ClientsRequest): void {
    child.send(request);
  }

  /** Connects `total` clients at once, split evenly over the processes. */
  async connect(url: string, total: number, timeoutMs: number, options: { light?: boolean } = {}): Promise<WaveReport> {
    const per = Math.ceil(total / this.children.length);
    const waits = this.children.map((child, i) => {
      const count = Math.min(per, total - i * per);
      const reply = nextMessage(child, ofType<ConnectReport>('connected'), timeoutMs + 10_000, 'clients to connect');
      this.send(child, { cmd: 'connect', url, count, timeoutMs, light: options.light ?? false });
      return reply;
    });
    const reports = await Promise.all(waits);
    const failed: Record<string, number> = {};
    for (const r of reports) for (const [reason, n] of Object.entries(r.failed)) failed[reason] = (failed[reason] ?? 0) + n;
    return {
      ok: reports.reduce((sum, r) => sum + r.ok, 0),
      failed,
      wallMs: Math.max(...reports.map((r) => r.lastSnapshotAt)) - Math.min(...reports.map((r) => r.startedAt)),
      snapshotMs: reports.flatMap((r) => r.snapshotMs),
    };
  }

  /**
   * Waits until every process reports that all its clients have a delta about `serviceId`
   * with `status`, first received no earlier than `since` (Date.now()); returns first and
   * last arrival over all clients, or null on timeout.
   */
  async delivered(serviceId: string, status: string, since: number, timeoutMs: number): Promise<{ first: number; last: number } | null> {
    const accept = (m: unknown) => {
      const d = ofType<DeliveredReport>('delivered')(m);
      return d && d.serviceId === serviceId && d.status === status && d.first >= since ? d : undefined;
    };
    try {
      const reports = await Promise.all(this.children.map((child) => nextMessage(child, accept, timeoutMs, `delivery of ${status}`)));
      return { first: Math.min(...reports.map((r) => r.first)), last: Math.max(...reports.map((r) => r.last)) };
    } catch {
      return null;
    }
  }

  /**
   * Records every delivery report from now on, per process, until `stop()`: for measuring
   * many changes at once (a storm), where waiting for one at a time would miss the rest.
   */
  recordDeliveries(): { perProcess: DeliveredReport[][]; stop(): void } {
    const perProcess = this.children.map(() => [] as DeliveredReport[]);
    const listeners = this.children.map((child, i) => {
      const listener = (message: unknown) => {
        const report = ofType<DeliveredReport>('delivered')(message);
        if (report) perProcess[i]!.push(report);
      };
      child.on('message', listener);
      return listener;
    });
    return {
      perProcess,
      stop: () => this.children.forEach((child, i) => child.off('message', listeners[i]!)),
    };
  }

  /** Closes every client and process; returns how many clients were dropped by the server. */
  async close(): Promise<number> {
    const replies = await Promise.all(
      this.children.map(async (child) => {
        if (child.exitCode !== null || !child.connected) return 0;
        const reply = nextMessage(child, ofType<Extract<ClientsReply, { type: 'closed' }>>('closed'), 10_000, 'clients to close');
        this.send(child, { cmd: 'close' });
        return (await reply.catch(() => ({ disconnects: 0 }))).disconnects;
      }),
    );
    await Promise.all(this.children.map((child) => stopChild(child, 2_000)));
    return replies.reduce((a, b) => a + b, 0);
  }
}
