import { useState } from 'react';
import { artifactPath } from '../../paths';
import { browserSteps, screenshotId } from '../details-shape';
import { formatLatency } from '../format';
import { StackTable } from '../StackTable';
import { StepOutcome } from './StepOutcome';

/** A browser check's run: the page as it was when a step failed, and each step's outcome. */
export function BrowserResult({ details }: { details: Record<string, unknown> }) {
  const steps = browserSteps(details) ?? [];
  const shot = screenshotId(details);
  const pageUrl = typeof details.pageUrl === 'string' ? details.pageUrl : null;
  const failedStep = typeof details.failedStep === 'number' ? details.failedStep : null;
  // Old screenshots are pruned (by age and by total size) before the results that name them.
  const [gone, setGone] = useState(false);
  return (
    <div className="browser-result">
      {shot && gone && <p className="dim">The screenshot of this run is no longer kept.</p>}
      {shot && !gone && (
        <figure className="screenshot">
          <a href={artifactPath(shot)} target="_blank" rel="noopener noreferrer">
            <img src={artifactPath(shot)} alt={`The page when step ${failedStep ?? '?'} failed`} onError={() => setGone(true)} />
          </a>
          {pageUrl && (
            <figcaption>
              The page at <code>{pageUrl}</code>
              {failedStep !== null && ` when step ${failedStep} failed`}
            </figcaption>
          )}
        </figure>
      )}
      {typeof details.screenshotError === 'string' && <p className="dim">{details.screenshotError}</p>}
      <StackTable className="steps" label="Browser steps" columns={['#', 'Step', 'Outcome', 'Time', 'Why']}>
        {steps.map((step, index) => (
          <tr key={index} data-step-outcome={step.outcome}>
            <td className="num" data-label="#">
              {index + 1}
            </td>
            <td data-label="Step">
              <code>{step.step}</code>
            </td>
            <td data-label="Outcome">
              <StepOutcome outcome={step.outcome} />
            </td>
            <td className="num" data-label="Time">
              {formatLatency(step.ms)}
            </td>
            <td data-label="Why">{step.error ?? ''}</td>
          </tr>
        ))}
      </StackTable>
    </div>
  );
}
