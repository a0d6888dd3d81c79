import type { Status } from '../../shared/status';
import { StatusShape } from '../board/StatusShape';
import { STATUS_WORD } from '../board/status-text';

// `data-tone`, not `data-status`: scripts count `[data-status]` as tiles (see the design contract).
/** A status as the board tells it: a coloured pill with its shape and its word. */
export function StatusLabel({ status, word = STATUS_WORD[status] }: { status: Status; word?: string }) {
  return (
    <span className="status-label" data-tone={status}>
      <StatusShape status={status} className="status-label-shape" />
      <span>{word}</span>
    </span>
  );
}
