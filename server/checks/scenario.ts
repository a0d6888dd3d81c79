import { CookieJar } from 'tough-cookie';
import { z } from 'zod';
import { namedSecrets, requestSecrets } from './credentials';
import { bodyExcerpt, httpExpectSchema, judgeHttpResponse, responseRedactor } from './http-expect';
import { buildRequest } from './http-request-build';
import { refineOneBody, requestShape, scalar } from './http-request-schema';
import { describeRequestError, sendOptionsFor, sendRequest } from './http-send';
import { createRedactor, redactObservation, urlSecrets } from './redact';
import { redactUrl } from './redact-url';
import { formatMs } from './runner';
import { summarizeScenario, type StepReport } from './scenario-report';
import { captureSchema, captureValue, expandRequest, expandText, refineVariableNames, templateUrl, UndefinedVariable } from './scenario-vars';
import { defineCheckType, type Observation } from './types';

const stepSchema = z
  .strictObject({
    name: z.string().min(1, 'must not be empty').optional(),
    ...requestShape(templateUrl),
    expect: httpExpectSchema.optional(),
    capture: z.record(z.string(), captureSchema).superRefine(refineVariableNames).optional(),
  })
  .superRefine(refineOneBody);

type Step = z.output<typeof stepSchema>;

const configSchema = z.strictObject({
  type: z.literal('scenario'),
  variables: z.record(z.string(), scalar).superRefine(refineVariableNames).default({}),
  steps: z.array(stepSchema, { error: 'expected a list of steps' }).min(1, 'a scenario needs at least one step'),
});

/** What the steps of one run share. */
interface RunState {
  signal: AbortSignal;
  jar: CookieJar;
  vars: Map<string, string>;
  /** Captured values to mask in the result. */
  secrets: string[];
  timedOut: () => boolean;
  timeoutMs: number;
}

const STOP_MARGIN_MS = 500;

const nameOf = (step: Step, index: number) => step.name ?? `step ${index + 1}`;

/**
 * The scenario stops itself a little before the runner's deadline so that its answer,
 * which names the step that hung and lists the steps before it, is the one reported. The
 * margin (a tenth of the timeout, at most half a second) covers a busy event loop.
 */
function ownDeadline(signal: AbortSignal, timeoutMs: number) {
  const own = new AbortController();
  const timer = setTimeout(() => own.abort(), Math.max(1, timeoutMs - Math.min(STOP_MARGIN_MS, timeoutMs * 0.1)));
  return {
    signal: AbortSignal.any([signal, own.signal]),
    timedOut: () => own.signal.aborted && !signal.aborted,
    stop: () => clearTimeout(timer),
  };
}

/** " on host:port" of the first step, when its URL is known before any step runs. */
function hostOf(url: string, variables: Record<string, string>): string {
  try {
    return ` on ${new URL(expandText(url, new Map(Object.entries(variables)))).host}`;
  } catch {
    return '';
  }
}

/** Captures every value the step asks for into the run's variables; the first problem, or null. */
function captureAll(step: Step, response: Parameters<typeof captureValue>[2], run: RunState): string | null {
  for (const [name, capture] of Object.entries(step.capture ?? {})) {
    const captured = captureValue(name, capture, response);
    if ('problem' in captured) return captured.problem;
    run.vars.set(name, captured.value);
    if (capture.secret) run.secrets.push(captured.value);
  }
  return null;
}

async function runStep(step: Step, index: number, run: RunState): Promise<StepReport> {
  const base = { name: nameOf(step, index), method: step.method, url: redactUrl(step.url), status: null, latencyMs: null };
  const fail = (message: string): StepReport => ({ ...base, outcome: 'failed', message });
  try {
    const expanded = expandRequest(step, run.vars);
    // What fills a credential field ({{pw}} as a password) is secret, whatever variable it came from.
    run.secrets.push(...requestSecrets(expanded));
    const request = await buildRequest(expanded);
    base.url = redactUrl(request.url);
    const response = await sendRequest(request, sendOptionsFor(step, run.signal, run.jar));
    const judged = judgeHttpResponse(step.expect, { ...response, elapsedMs: response.timing.totalMs });
    const report: StepReport = {
      ...base,
      status: response.status,
      latencyMs: Math.round(response.timing.totalMs),
      outcome: judged.outcome as StepReport['outcome'],
      message: judged.message,
    };
    // A failed judgement already carries the excerpt, masked of the tokens the answer hands out.
    if (judged.outcome === 'failed') return { ...report, bodyExcerpt: judged.details?.bodyExcerpt as string };
    const problem = captureAll(step, response, run);
    // A capture that missed captured nothing: the answer's tokens are masked by their names.
    return problem ? { ...report, outcome: 'failed', message: problem, bodyExcerpt: bodyExcerpt(response.body, responseRedactor(response)) } : report;
  } catch (error) {
    if (error instanceof UndefinedVariable) return fail(error.message);
    return fail(run.timedOut() ? `timed out after ${formatMs(run.timeoutMs)}` : describeRequestError(error));
  }
}

export const scenarioCheck = defineCheckType({
  type: 'scenario',
  configSchema,
  describe: (config) => `scenario${hostOf(config.steps[0]!.url, config.variables)}: ${config.steps.map(nameOf).join(' → ')}`,
  // Step URLs sit below the top level, where the runner does not look for passwords.
  secrets: (config) => [...namedSecrets(config.variables), ...config.steps.flatMap((step) => [...requestSecrets(step), ...urlSecrets(step.url)])],
  async run(config, signal): Promise<Observation> {
    const started = performance.now();
    const deadline = ownDeadline(signal, config.timeout);
    const run: RunState = {
      signal: deadline.signal,
      jar: new CookieJar(),
      vars: new Map(Object.entries(config.variables)),
      secrets: [],
      timedOut: deadline.timedOut,
      timeoutMs: config.timeout,
    };
    const ran: StepReport[] = [];
    try {
      for (const [index, step] of config.steps.entries()) {
        const report = await runStep(step, index, run);
        ran.push(report);
        if (report.outcome === 'failed') break;
      }
    } finally {
      deadline.stop();
    }
    const planned = config.steps.map((step, index) => ({ name: nameOf(step, index), method: step.method, url: redactUrl(step.url) }));
    const observation = summarizeScenario(ran, planned, performance.now() - started);
    // Captured values (tokens, session ids) are known only now; the runner cannot mask them.
    return redactObservation(observation, createRedactor(run.secrets));
  },
});
