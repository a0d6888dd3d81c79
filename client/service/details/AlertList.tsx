import type { AlertDetail } from '../../../shared/api';
import { alertList } from '../details-shape';
import { safeHref } from '../links';
import { StatusLabel } from '../StatusLabel';

function AlertItem({ alert }: { alert: AlertDetail }) {
  // A sender's `generatorURL` is not trusted to be http(s).
  const link = alert.generatorURL === null ? null : safeHref(alert.generatorURL);
  const labels = Object.entries(alert.labels).filter(([name]) => name !== 'alertname');
  return (
    <li className="alert-item" data-alert={alert.fingerprint}>
      <div className="alert-head">
        <StatusLabel status={alert.status} word={alert.state === 'stale' ? 'stale' : undefined} /> <strong className="alert-name">{alert.alertname}</strong>
        {alert.summary && <span className="alert-summary"> — {alert.summary}</span>}
      </div>
      <ul className="alert-labels" aria-label="Labels">
        {labels.map(([name, value]) => (
          <li key={name} className="alert-label">
            {name}={value}
          </li>
        ))}
      </ul>
      <p className="alert-origin">
        from {alert.source}
        {alert.startsAt && <>, firing since {new Date(alert.startsAt).toISOString().slice(0, 16).replace('T', ' ')} UTC</>}
        {link && (
          <>
            {' '}
            · <a href={link}>the rule</a>
          </>
        )}
      </p>
    </li>
  );
}

/** The alerts behind an alert source's result: name, status, summary, labels and where each came from. */
export function AlertList({ details }: { details: Record<string, unknown> }) {
  const alerts = alertList(details) ?? [];
  if (alerts.length === 0) return <p className="alert-none">No alerts firing.</p>;
  return (
    <ul className="alert-list" aria-label="Alerts">
      {alerts.map((alert) => (
        <AlertItem key={alert.fingerprint} alert={alert} />
      ))}
    </ul>
  );
}
