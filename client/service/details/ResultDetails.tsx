import { otherDetails } from '../details-shape';
import { KeyValueList } from './KeyValueList';
import { detailsView } from './registry';

/** Everything a check reported with a result: its type's own view when it has one, the rest as a list. */
export function ResultDetails({ type, details }: { type: string; details: Record<string, unknown> }) {
  const view = detailsView(type);
  if (!view || !view.accepts(details)) return <KeyValueList values={details} />;
  return (
    <>
      <view.Component details={details} />
      <KeyValueList values={otherDetails(details, view.keys)} />
    </>
  );
}
