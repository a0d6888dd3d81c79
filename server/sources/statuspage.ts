import { readWhole } from '../http/read-whole';
import { z } from 'zod';
import { transportRequest } from '../checks/http-transport';
import { describeNetworkError } from '../checks/net-errors';
import { duration, nonEmpty, slug } from '../config/fields';
import { formatDuration } from '../../shared/duration';
import { clockTime } from './push-heartbeat';
import { componentObservation } from './statuspage-mapping';
import { parseSummary, type PageSummary } from './statuspage-summary';
import { defineSourceType, type SourceContext } from './types';
import { urlSecrets } from '../checks/redact';

/** Vendors' pages are small; a body larger than this is not a summary.json. */
const MAX_BODY_BYTES = 5 * 1024 * 1024;
const USER_AGENT = 'Greenboard status board (statuspage source)';

const httpUrl = z.url({ protocol: /^https?$/, error: 'expected an http(s) URL, such as https://www.githubstatus.com/api/v2/summary.json' });

const configSchema = z.strictObject({
  type: z.literal('statuspage'),
  /** The page's `summary.json`. */
  url: httpUrl,
  /** The vendor's name on the board ("GitHub"); by default the page's host name. */
  provider: nonEmpty.optional(),
  // Vendors rate-limit: no faster than every 30 s; an hour is as slow as still means something.
  interval: duration({ min: 30_000, minText: '30s', max: 3_600_000, maxText: '1h' }).prefault('2m'),
  timeout: duration({ min: 1_000, minText: '1s', max: 30_000, maxText: '30s' }).prefault('10s'),
  components: z
    .array(z.strictObject({ component: nonEmpty, service: slug }), { error: 'expected a list of { component, service }' })
    .min(1, 'name at least one component of the page, and the service that shows it'),
});

type StatuspageConfig = z.output<typeof configSchema> & { id: string };

/** The host people know the page by: `www.githubstatus.com` → `githubstatus.com`. */
const hostOf = (url: string) => new URL(url).hostname.replace(/^www\./, '');

/** Each service shows one component; two components on one service would overwrite each other's reports. */
const servicesOf = (config: { components: ReadonlyArray<{ service: string }> }) => [...new Set(config.components.map((c) => c.service))];

/** The vendor as the board names it. */
export const providerOf = (config: { url: string; provider?: string | undefined }) => config.provider ?? hostOf(config.url);

/**
 * A vendor's Statuspage-style status page (`/api/v2/summary.json`, as GitHub, Atlassian and
 * many others publish), polled; chosen components show as upstream services.
 */
export const statuspageSource = defineSourceType({
  type: 'statuspage',
  configSchema,
  services: (config) => servicesOf(config),
  // Only the page's own address is shown, never the path or query of the URL polled.
  upstream: (config) => ({ provider: providerOf(config), url: new URL(config.url).origin }),
  secrets: (config) => urlSecrets(config.url),
  start(config, context) {
    const poll = new PagePoll(config, context);
    return { stop: () => poll.stop() };
  },
});

/** One poll's outcome: the page, or why there is none in words (no secrets, no URL path). */
type Fetched = { ok: true; summary: PageSummary } | { ok: false; unreachable: boolean; reason: string };

/** Polls one page every `interval`, one poll at a time, and reports each configured component. */
class PagePoll {
  private timer: ReturnType<typeof setTimeout> | undefined;
  private readonly abort = new AbortController();
  private inFlight: Promise<void> = Promise.resolve();
  private stopped = false;
  /** When the current run of failed polls began, kept in reports so a restart keeps it. */
  private failingSince: number | null;

  constructor(
    private readonly config: StatuspageConfig,
    private readonly context: SourceContext,
  ) {
    const previous = context.services.map((id) => context.previous(id)?.details?.failingSince).find((at) => typeof at === 'number');
    this.failingSince = previous ?? null;
    // After the start returns: a source stopped at once polls nothing.
    this.timer = setTimeout(() => this.tick(), 0);
    this.timer.unref();
  }

  async stop(): Promise<void> {
    this.stopped = true;
    clearTimeout(this.timer);
    this.abort.abort();
    await this.inFlight;
  }

  private tick(): void {
    if (this.stopped) return;
    // The next poll is timed from the end of this one, so polls never overlap.
    this.inFlight = this.pollOnce().finally(() => {
      if (this.stopped) return;
      this.timer = setTimeout(() => this.tick(), this.config.interval);
      this.timer.unref();
    });
  }

  private async pollOnce(): Promise<void> {
    const fetched = await this.fetchSummary();
    if (this.stopped) return;
    const at = this.context.now();
    if (fetched.ok) {
      this.context.received();
      this.failingSince = null;
      for (const { component, service } of this.config.components)
        await this.report(service, componentObservation(fetched.summary, component, providerOf(this.config)), at);
      return;
    }
    this.context.failed(fetched.reason);
    this.failingSince ??= at;
    const host = hostOf(this.config.url);
    const since = clockTime(this.failingSince, at);
    const message = fetched.unreachable
      ? `${host} unreachable since ${since}: ${fetched.reason}`
      : `${host} gives no usable status since ${since}: ${fetched.reason}`;
    for (const service of servicesOf(this.config)) {
      await this.report(service, { outcome: 'unknown', message, latencyMs: null, details: { failingSince: this.failingSince } }, at);
    }
  }

  private async report(serviceId: string, observation: Parameters<SourceContext['report']>[1], at: number): Promise<void> {
    if (this.stopped) return;
    try {
      await this.context.report(serviceId, observation, at);
    } catch (error) {
      this.context.log.error({ err: error, serviceId }, 'could not record what the status page says');
    }
  }

  private async fetchSummary(): Promise<Fetched> {
    const signal = AbortSignal.any([this.abort.signal, AbortSignal.timeout(this.config.timeout)]);
    let response;
    try {
      response = await transportRequest(this.config.url, { method: 'GET', headers: { 'user-agent': USER_AGENT, accept: 'application/json' }, signal }, false);
    } catch (error) {
      return { ok: false, unreachable: true, reason: this.networkReason(error, signal) };
    }
    // A body left unread is destroyed, which undici reports as an error: it is expected here.
    response.body.on('error', () => undefined);
    try {
      if (response.statusCode !== 200) {
        response.body.destroy();
        return { ok: false, unreachable: false, reason: `answered HTTP ${response.statusCode}` };
      }
      const body = await readWhole(response.body, MAX_BODY_BYTES, signal);
      if (body === null) return { ok: false, unreachable: false, reason: `answered more than ${MAX_BODY_BYTES / 1024 / 1024} MB` };
      let json: unknown;
      try {
        json = JSON.parse(body);
      } catch {
        return { ok: false, unreachable: false, reason: 'answered something that is not JSON' };
      }
      const parsed = parseSummary(json);
      return parsed.ok
        ? { ok: true, summary: parsed.value }
        : { ok: false, unreachable: false, reason: `answered in a shape that is not a summary.json: ${parsed.problem}` };
    } catch (error) {
      response.body.destroy();
      return { ok: false, unreachable: true, reason: this.networkReason(error, signal) };
    }
  }

  private networkReason(error: unknown, signal: AbortSignal): string {
    return signal.aborted && !this.abort.signal.aborted ? `no answer within ${formatDuration(this.config.timeout)}` : describeNetworkError(error);
  }
}
