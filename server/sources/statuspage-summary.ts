import { z } from 'zod';
import { describeIssues, type ParseResult } from './alertmanager-payload';

/** A component's status as Statuspage documents it; a page may one day send another, which is kept as text. */
export const COMPONENT_STATUSES = ['operational', 'degraded_performance', 'partial_outage', 'major_outage', 'under_maintenance'] as const;
export type ComponentStatus = (typeof COMPONENT_STATUSES)[number];

/** One component of the page (a group is one too, with `group: true`). */
export interface PageComponent {
  id: string;
  name: string;
  /** One of `COMPONENT_STATUSES`, or whatever else the page said. */
  status: string;
  /** True for a group, whose status Statuspage rolls up from its members. */
  group: boolean;
  /** The group it belongs to, if any. */
  groupId: string | null;
}

/** An unresolved incident, or a maintenance under way. */
export interface PageEvent {
  name: string;
  /** `investigating`, `identified`, `monitoring`; `in_progress`, `verifying` for maintenance. */
  status: string;
  /** `none`, `minor`, `major`, `critical` or `maintenance`. */
  impact: string;
  /** The incident's own page (`shortlink`), when the page gives one. */
  link: string | null;
  /** The components it touches, by id, from its `components` and its updates' `affected_components`. */
  componentIds: string[];
  kind: 'incident' | 'maintenance';
}

/** A `summary.json` reduced to what the board needs. */
export interface PageSummary {
  page: { id: string; name: string; url: string; updatedAt: string | null };
  /** The page's overall word: "All Systems Operational", "Partial System Outage". */
  description: string | null;
  components: PageComponent[];
  /** Unresolved incidents and maintenances in progress; scheduled ones not yet begun are left out. */
  events: PageEvent[];
}

const text = z.string({ error: 'expected text' });
const optionalText = z.string().nullish();
const componentRef = z.object({ id: text });
const affected = z.object({ code: text });

// Statuspage adds fields over time (showcase, start_date, …): extra ones are accepted and left out.
const componentSchema = z.object({
  id: text,
  name: text,
  status: text,
  group: z.boolean().nullish(),
  group_id: optionalText,
});

const eventSchema = z.object({
  name: text,
  status: text,
  impact: optionalText,
  shortlink: optionalText,
  components: z.array(componentRef).nullish(),
  incident_updates: z.array(z.object({ affected_components: z.array(affected).nullish() })).nullish(),
});

const summarySchema = z.object({
  page: z.object({ id: text, name: text, url: text, updated_at: optionalText }, { error: 'expected the page object' }),
  status: z.object({ description: optionalText }).nullish(),
  components: z.array(componentSchema, { error: 'expected a list of components' }),
  incidents: z.array(eventSchema).nullish(),
  scheduled_maintenances: z.array(eventSchema).nullish(),
});

/** Maintenance that has begun and not ended; `scheduled` is still ahead, `completed` is over. */
const MAINTENANCE_UNDER_WAY = new Set(['in_progress', 'verifying']);

function toEvent(event: z.output<typeof eventSchema>, kind: PageEvent['kind']): PageEvent {
  const ids = [
    ...(event.components ?? []).map((c) => c.id),
    ...(event.incident_updates ?? []).flatMap((update) => (update.affected_components ?? []).map((c) => c.code)),
  ];
  return {
    name: event.name,
    status: event.status,
    impact: event.impact ?? 'none',
    link: event.shortlink || null,
    componentIds: [...new Set(ids)],
    kind,
  };
}

/** Validates a `summary.json` body (already parsed from JSON). Pure. */
export function parseSummary(body: unknown): ParseResult<PageSummary> {
  const parsed = summarySchema.safeParse(body);
  if (!parsed.success) return { ok: false, problem: describeIssues(parsed.error) };
  const { page, status, components, incidents, scheduled_maintenances: maintenances } = parsed.data;
  return {
    ok: true,
    value: {
      page: { id: page.id, name: page.name, url: page.url, updatedAt: page.updated_at ?? null },
      description: status?.description ?? null,
      components: components.map((c) => ({ id: c.id, name: c.name, status: c.status, group: c.group === true, groupId: c.group_id ?? null })),
      events: [
        ...(incidents ?? []).filter((i) => i.status !== 'resolved' && i.status !== 'postmortem').map((i) => toEvent(i, 'incident')),
        ...(maintenances ?? []).filter((m) => MAINTENANCE_UNDER_WAY.has(m.status)).map((m) => toEvent(m, 'maintenance')),
      ],
    },
  };
}
