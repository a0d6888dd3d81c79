import { useEffect, useId, useRef, useState } from 'react';
import type { CreatedTokenResponse } from '../../shared/api';
import { fullBoardLink } from './token-words';

/**
 * A token just made: its value, and for a wall screen the link to open, each to copy.
 * The server keeps only a hash, so this is the one time anyone sees it.
 */
export function NewSecret({ created, onDone }: { created: CreatedTokenResponse; onDone: () => void }) {
  const heading = useRef<HTMLHeadingElement>(null);
  // Taken there at once: the value is what the admin came for, and it does not come back.
  useEffect(() => heading.current?.focus(), [created]);
  const { token, secret, boardLink } = created;
  return (
    <div className="admin-secret" data-new-token={token.id}>
      <h3 ref={heading} tabIndex={-1}>
        New {token.kind === 'board' ? 'board' : 'API'} token “{token.name}”
      </h3>
      <p className="admin-secret-warning">This is the only time it is shown. Copy it now.</p>
      {boardLink !== null && <CopyField label="Board link, to open once on the screen" value={fullBoardLink(boardLink, window.location.origin)} data="link" />}
      <CopyField label={token.kind === 'board' ? 'Token' : 'Token, sent as Authorization: Bearer …'} value={secret} data="secret" />
      <button type="button" onClick={onDone}>
        Done
      </button>
    </div>
  );
}

function CopyField({ label, value, data }: { label: string; value: string; data: string }) {
  const id = useId();
  const [copied, setCopied] = useState<'yes' | 'no' | null>(null);
  // The clipboard is there only on HTTPS or localhost; elsewhere the field is selected by a click.
  const clipboard = typeof navigator !== 'undefined' ? navigator.clipboard : undefined;
  const copy = () => {
    clipboard?.writeText(value).then(
      () => setCopied('yes'),
      () => setCopied('no'),
    );
  };
  return (
    <div className="admin-copy">
      <label htmlFor={id}>{label}</label>
      <div className="admin-copy-row">
        <input id={id} type="text" readOnly value={value} data-copy-field={data} onFocus={(event) => event.target.select()} spellCheck={false} />
        {clipboard && (
          <button type="button" onClick={copy}>
            Copy
          </button>
        )}
      </div>
      <p className="admin-copy-state" role="status">
        {copied === 'yes' ? 'Copied.' : copied === 'no' ? 'Could not copy: select the text and copy it.' : ''}
      </p>
    </div>
  );
}
