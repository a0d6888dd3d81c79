import { createHash } from 'node:crypto';

/** Text made safe to put in HTML. */
export const escapeHtml = (text: string) => text.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);

const STYLE = `body{font:18px/1.5 system-ui,sans-serif;margin:0;padding:24px;background:#111;color:#eee}
main{max-width:32rem;margin:auto}h1{font-size:1.4rem}.down{color:#ff8a80}.ok{color:#9be79b}
button{font:inherit;font-weight:600;width:100%;padding:16px;border:0;border-radius:8px;background:#e8eaed;color:#111;cursor:pointer}
a{color:#8ab4f8}dt{color:#aaa}dd{margin:0 0 8px}label{display:block;margin:12px 0 4px}
input{font:inherit;width:100%;box-sizing:border-box;padding:10px;border:1px solid #888;border-radius:6px;background:#1b1b1b;color:#eee}
form button{margin-top:16px}.wall{min-height:80vh;display:flex;flex-direction:column;justify-content:center;text-align:center}.wall h1{font-size:3rem}`;

/** The one inline style the server's own pages carry, allowed by its hash in the CSP (security-headers.ts): no inline script anywhere. */
export const PLAIN_PAGE_STYLE_HASH = `'sha256-${createHash('sha256').update(STYLE).digest('base64')}'`;

/**
 * A page of Greenboard's own that works without the board's scripts: the acknowledge
 * link, sign-in, and what a screen without access is told. `body` is HTML already escaped.
 */
export function plainPage(title: string, body: string, attribute = 'data-plain-page'): string {
  return `<!doctype html><html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1">
<meta name="robots" content="noindex"><meta name="color-scheme" content="dark"><title>${escapeHtml(title)} · Greenboard</title><style>${STYLE}</style></head>
<body><main ${attribute}>${body}</main></body></html>`;
}
