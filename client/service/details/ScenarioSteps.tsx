import { formatLatency } from '../format';
import { scenarioSteps, type ScenarioStep } from '../details-shape';
import { StepOutcome } from './StepOutcome';

/** A scenario's steps: what each asked, what was expected and what came back. */
export function ScenarioSteps({ details }: { details: Record<string, unknown> }) {
  const steps = scenarioSteps(details) ?? [];
  return (
    <div className="table-scroll">
      <table className="steps stack-table" aria-label="Scenario steps">
        <thead>
          <tr>
            <th scope="col">#</th>
            <th scope="col">Step</th>
            <th scope="col">Outcome</th>
            <th scope="col">HTTP</th>
            <th scope="col">Time</th>
            <th scope="col">Expected and got</th>
          </tr>
        </thead>
        <tbody>
          {steps.map((step, index) => (
            <StepRow key={index} step={step} index={index} />
          ))}
        </tbody>
      </table>
    </div>
  );
}

function StepRow({ step, index }: { step: ScenarioStep; index: number }) {
  const failed = step.outcome === 'failed';
  return (
    <tr data-step-outcome={step.outcome}>
      <td className="num" data-label="#">{index + 1}</td>
      <td data-label="Step">
        <strong>{step.name}</strong>
        <code className="request">{`${step.method} ${step.url}`}</code>
      </td>
      <td data-label="Outcome">
        <StepOutcome outcome={step.outcome} />
      </td>
      <td className="num" data-label="HTTP">{step.status ?? '—'}</td>
      <td className="num" data-label="Time">{formatLatency(step.latencyMs)}</td>
      <td data-label="Result">
        {step.outcome === 'not run' ? <span className="dim">—</span> : step.message}
        {step.bodyExcerpt !== undefined && (
          // What came back, open where it explains the failure.
          <details className="excerpt" open={failed}>
            <summary>Response body</summary>
            <pre>{step.bodyExcerpt || '(empty)'}</pre>
          </details>
        )}
      </td>
    </tr>
  );
}
