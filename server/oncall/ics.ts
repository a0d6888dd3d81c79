import { accessSync, constants, statSync } from 'node:fs';
import { z } from 'zod';
import { createRedactor, urlAccessSecrets } from '../checks/redact';
import { duration, nonEmpty } from '../config/fields';
import { expandCalendar } from './ics-expand';
import { isTimeZone } from './local-time';
import { FeedError, fetchFeed, readFeedFile } from './ics-feed';
import { defineOncallProvider } from './types';

/** Whether a calendar file exists and can be read by this process. */
function readableFile(path: string): boolean {
  try {
    accessSync(path, constants.R_OK);
    return statSync(path).isFile();
  } catch {
    return false;
  }
}

const feedUrl = z
  .string({ error: 'expected the address of an iCalendar feed, such as https://calendar.example.com/oncall.ics' })
  .refine((text) => !/^webcals?:/i.test(text), "webcal:// is a calendar app's link: give the same address with https://")
  .pipe(z.url({ protocol: /^https?$/, error: 'expected an http(s) URL, such as https://calendar.example.com/oncall.ics' }));

const configSchema = z
  .strictObject({
    /** The feed's address; it may carry a token (a "secret address"), which is never shown. */
    url: feedUrl.optional(),
    /** A calendar file on this machine, read again at each refresh. */
    // Checked when the config is read, so a wrong path is a config error naming the line, not a runtime surprise.
    file: nonEmpty.refine(readableFile, { error: (issue) => `cannot read the calendar file "${String(issue.input)}"` }).optional(),
    /** Who an event puts on call: its ATTENDEE (email, CN) or its SUMMARY text. */
    who: z.enum(['attendee', 'summary'], { error: 'expected attendee or summary' }).default('attendee'),
    /** The zone of all-day events and of times without one; by default the calendar's own (X-WR-TIMEZONE), else UTC. */
    timezone: z
      .string({ error: 'expected a time zone such as Europe/London' })
      .refine(isTimeZone, { error: (issue) => `"${String(issue.input)}" is not a time zone; use an IANA name such as Europe/London` })
      .optional(),
    // Calendar apps re-read feeds every 8-24 h, too slow for a handoff; faster than a minute only loads the feed's host.
    refresh: duration({ min: 60_000, minText: '1m', max: 3_600_000, maxText: '1h' }).prefault('5m'),
    timeout: duration({ min: 1_000, minText: '1s', max: 60_000, maxText: '1m' }).prefault('10s'),
  })
  .refine((config) => (config.url === undefined) !== (config.file === undefined), 'give exactly one of url (a feed) or file (a calendar file)');

export type IcsConfig = z.output<typeof configSchema>;

/**
 * An iCalendar feed (what most scheduling tools export) or file: the person on call is
 * the attendee, or the summary, of the event covering the moment. Read again every
 * `refresh`, much faster than calendar apps re-read subscriptions.
 */
export const icsProvider = defineOncallProvider({
  type: 'ics',
  configSchema,
  refreshMs: (config) => config.refresh,
  secrets: (config) => (config.url ? urlAccessSecrets(config.url) : []),
  async shifts(config, window, context) {
    let text: string;
    try {
      text = config.url ? await fetchFeed(config.url, config.timeout, context.signal) : await readFeedFile(config.file!);
    } catch (error) {
      // Every reason is ours, but a network error may quote what it was given: mask the feed's secrets in it.
      const reason = error instanceof FeedError ? error.message : 'feed unreadable';
      throw new Error(createRedactor(icsProvider.secrets(config))(reason));
    }
    const expanded = expandCalendar(text, window, { who: config.who, timezone: config.timezone });
    if (!expanded.ok) throw new Error(expanded.reason);
    return expanded.shifts;
  },
});
