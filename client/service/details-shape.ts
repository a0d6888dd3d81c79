// Check details are free-form JSON from the server; these read the shapes the
// scenario and browser checks and the alert sources write, and say null when a value is not that shape.

import type { AlertDetail } from '../../shared/api';
import { isStatus } from '../../shared/status';

/** One step of a scenario check's run, as the scenario check reports it. */
export interface ScenarioStep {
  /** The step's name from the config, or "step N". */
  name: string;
  /** The HTTP method. */
  method: string;
  /** The URL requested, password masked. */
  url: string;
  /** The HTTP status that came back; null when none did. */
  status: number | null;
  /** Time the request took; null when it did not run. */
  latencyMs: number | null;
  /** ok, degraded, failed, or "not run" after an earlier step failed. */
  outcome: string;
  /** What was expected and what came back, in words: "expected status 200, got 503". */
  message: string;
  /** The start of the body of a failing step. */
  bodyExcerpt?: string;
}

/** One step of a browser check's run, as the browser check reports it. */
export interface BrowserStep {
  /** The step in words: "click #login". */
  step: string;
  /** ok, failed, or skipped after an earlier step failed. */
  outcome: string;
  /** Time the step took; null when it did not run. */
  ms: number | null;
  /** Why it failed. */
  error?: string;
}

type Guard<T> = (value: unknown) => value is T;

const isRecord = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null && !Array.isArray(value);
const isNumberOrNull = (value: unknown) => value === null || typeof value === 'number';
const isOptionalString = (value: unknown) => value === undefined || typeof value === 'string';

const isScenarioStep: Guard<ScenarioStep> = (v): v is ScenarioStep =>
  isRecord(v) &&
  typeof v.name === 'string' &&
  typeof v.method === 'string' &&
  typeof v.url === 'string' &&
  isNumberOrNull(v.status) &&
  isNumberOrNull(v.latencyMs) &&
  typeof v.outcome === 'string' &&
  typeof v.message === 'string' &&
  isOptionalString(v.bodyExcerpt);

const isBrowserStep: Guard<BrowserStep> = (v): v is BrowserStep =>
  isRecord(v) && typeof v.step === 'string' && typeof v.outcome === 'string' && isNumberOrNull(v.ms) && isOptionalString(v.error);

function listOf<T>(value: unknown, guard: Guard<T>): T[] | null {
  return Array.isArray(value) && value.length > 0 && value.every(guard) ? value : null;
}

/** The steps of a scenario result, or null when `details.steps` is not that shape. */
export function scenarioSteps(details: Record<string, unknown>): ScenarioStep[] | null {
  return listOf(details.steps, isScenarioStep);
}

/** The steps of a browser result, or null when `details.steps` is not that shape. */
export function browserSteps(details: Record<string, unknown>): BrowserStep[] | null {
  return listOf(details.steps, isBrowserStep);
}

// Artifact ids are plain file names ("3f…9a.png"): never a path or a URL.
const ARTIFACT_ID = /^[A-Za-z0-9_-]+\.[A-Za-z0-9]{1,8}$/;

/** The artifact id of a browser result's screenshot, or null when there is none. */
export function screenshotId(details: Record<string, unknown>): string | null {
  const value = details.screenshot;
  return typeof value === 'string' && ARTIFACT_ID.test(value) ? value : null;
}

/** `details` without the given keys: what a special view leaves for the plain list. */
export function otherDetails(details: Record<string, unknown>, shown: readonly string[]): Record<string, unknown> {
  return Object.fromEntries(Object.entries(details).filter(([key]) => !shown.includes(key)));
}

const isStringRecord = (value: unknown): value is Record<string, string> => isRecord(value) && Object.values(value).every((v) => typeof v === 'string');

/** The alerts behind an alert source's result (`details.alerts`), or null when they are not that shape. */
export function alertList(details: Record<string, unknown>): AlertDetail[] | null {
  const alerts = details.alerts;
  if (!Array.isArray(alerts)) return null;
  const valid = alerts.every(
    (a) =>
      isRecord(a) &&
      typeof a.alertname === 'string' &&
      typeof a.fingerprint === 'string' &&
      typeof a.lastSeenAt === 'string' &&
      typeof a.source === 'string' &&
      isStatus(a.status) &&
      isStringRecord(a.labels) &&
      (a.summary === null || typeof a.summary === 'string') &&
      (a.startsAt === null || typeof a.startsAt === 'string') &&
      (a.generatorURL === null || typeof a.generatorURL === 'string'),
  );
  return valid ? (alerts as AlertDetail[]) : null;
}
