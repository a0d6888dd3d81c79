import { formatLatency } from '../format';
import { scenarioSteps, type ScenarioStep } from '../details-shape';
import { StackTable } from '../StackTable';
import { StepOutcome } from './StepOutcome';

/** A scenario's steps: what each asked, what was expected and what came back. */
export function ScenarioSteps({ details }: { details: Record<string, unknown> }) {
  const steps = scenarioSteps(details) ?? [];
  return (
    <StackTable className="steps" label="Scenario steps" columns={['#', 'Step', 'Outcome', 'HTTP', 'Time', 'Expected and got']}>
      {steps.map((step, index) => (
        <StepRow key={index} step={step} index={index} />
      ))}
    </StackTable>
  );
}

function StepRow({ step, index }: { step: ScenarioStep; index: number }) {
  const failed = step.outcome === 'failed';
  return (
    <tr data-step-outcome={step.outcome}>
      <td className="num" data-label="#">
        {index + 1}
      </td>
      <td data-label="Step">
        <strong>{step.name}</strong>
        <code className="request">{`${step.method} ${step.url}`}</code>
      </td>
      <td data-label="Outcome">
        <StepOutcome outcome={step.outcome} />
      </td>
      <td className="num" data-label="HTTP">
        {step.status ?? '—'}
      </td>
      <td className="num" data-label="Time">
        {formatLatency(step.latencyMs)}
      </td>
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
