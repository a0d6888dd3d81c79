import { useId, useState } from 'react';
import type { AccessTokenView, CreatedTokenResponse } from '../../shared/api';
import { CreateTokenForm } from './CreateTokenForm';
import { NewSecret } from './NewSecret';
import { TokenTable } from './TokenTable';

export interface TokenSectionProps {
  kind: AccessTokenView['kind'];
  title: string;
  /** What a token of this kind is for, in a sentence. */
  about: string;
  /** This kind's tokens, newest first. */
  tokens: readonly AccessTokenView[];
  /** Whether the list has come; before, the table says it is loading. */
  loaded: boolean;
}

/** One kind of token: making one (its value shown this once), and the list of them. */
export function TokenSection({ kind, title, about, tokens, loaded }: TokenSectionProps) {
  const headingId = useId();
  // Only in this component's state: gone with "Done", a new token, or leaving the page.
  const [created, setCreated] = useState<CreatedTokenResponse | null>(null);
  return (
    <section className="admin-section" aria-labelledby={headingId} data-token-kind={kind}>
      <h2 id={headingId}>{title}</h2>
      <p className="admin-about">{about}</p>
      <CreateTokenForm kind={kind} onCreated={setCreated} />
      {created && <NewSecret created={created} onDone={() => setCreated(null)} />}
      {loaded ? <TokenTable kind={kind} tokens={tokens} /> : <p className="admin-empty">Loading…</p>}
    </section>
  );
}
