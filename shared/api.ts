import type { Status } from './status';

/** One check of a service as the board and the API show it. */
export interface CheckView {
  /** Unique within its service. */
  id: string;
  /** The check type (`http`, `tcp`, …) or source type that produced it. */
  type: string;
  /** Status after thresholds and freshness: `unknown` when no fresh result exists. */
  status: Status;
  /** When the check entered `status` (ISO 8601), null when it never had a result. */
  since: string | null;
  /** When the last result arrived (ISO 8601). */
  lastCheckedAt: string | null;
  /** Latency of the last run in milliseconds. */
  latencyMs: number | null;
  /** One human line on the last result: "expected status 200, got 503". */
  message: string;
  /** True when the last result is older than the check's interval + timeout + margin. */
  stale: boolean;
}

export interface TeamRef {
  id: string;
  name: string;
}

/** Who is on call for a service's team right now. Filled in by the on-call module. */
export interface OncallNow {
  person: { id: string; name: string };
  until: string | null;
}

/** A service as the board and the API show it. Current state only, never history. */
export interface ServiceView {
  id: string;
  name: string;
  team: TeamRef | null;
  /** Worst status of its checks. */
  status: Status;
  /** When the service entered `status` (ISO 8601). */
  since: string | null;
  /** Services it depends on that are down: the service is impacted by them. */
  impactedBy: string[];
  dependsOn: string[];
  links: Record<string, string>;
  checks: CheckView[];
  oncall: OncallNow | null;
}

/** `GET /api/services` */
export interface ServicesResponse {
  services: ServiceView[];
  generatedAt: string;
}

/** `GET /api/services/{id}` */
export interface ServiceResponse {
  service: ServiceView;
  generatedAt: string;
}

/** Every error the API returns. */
export interface ApiErrorBody {
  error: { code: string; message: string };
}
