import { useQuery } from '@tanstack/react-query';
import { sourcesQuery } from '../api/sources';
import { Fact } from './Fact';
import { formatAgo, formatWhen } from './format';

function Ago({ iso, now }: { iso: string; now: number }) {
  const at = Date.parse(iso);
  return (
    <time dateTime={iso} title={formatWhen(at, now)}>
      {formatAgo(at, now)}
    </time>
  );
}

/**
 * The health of the source behind an entry: when it last took a message (or polled
 * successfully), and what it refused, so "why is this unknown?" has an answer on the page.
 */
export function SourceHealthFacts({ sourceId, now }: { sourceId: string; now: number }) {
  const { data } = useQuery(sourcesQuery());
  const health = data?.sources.find((source) => source.id === sourceId)?.health;
  if (!health) return null;
  return (
    <>
      <Fact label="Last message">{health.lastReceivedAt === null ? 'none yet' : <Ago iso={health.lastReceivedAt} now={now} />}</Fact>
      <Fact label="Taken">{health.received.toLocaleString('en')}</Fact>
      <Fact label="Refused" className={health.errors > 0 ? 'source-refused' : undefined}>
        {health.errors.toLocaleString('en')}
        {health.lastError !== null && health.lastErrorAt !== null && (
          <span className="source-last-error">
            {' '}
            — last: {health.lastError}, <Ago iso={health.lastErrorAt} now={now} />
          </span>
        )}
      </Fact>
    </>
  );
}
