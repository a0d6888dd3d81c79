import { describe, expect, it } from 'vitest';
import { buildSignature, shellFiles } from '../../../client/kiosk/build-signature';

const page = (hash: string, css = 'CYwZuCq-') =>
  new DOMParser().parseFromString(
    `<!doctype html><html><head><title>Greenboard</title>
      <script type="module" crossorigin src="/assets/index-${hash}.js"></script>
      <link rel="modulepreload" crossorigin href="/assets/jsx-runtime-Wy9s6hX0.js">
      <link rel="stylesheet" crossorigin href="/assets/index-${css}.css">
      <link id="favicon" rel="icon" href="data:image/svg+xml,x">
    </head><body><div id="root"></div></body></html>`,
    'text/html',
  );

describe("a build's signature", () => {
  it('names the scripts, preloads and stylesheets index.html loads, not its icon', () => {
    expect(shellFiles(page('C-67sEwe'))).toEqual(['/assets/index-C-67sEwe.js', '/assets/jsx-runtime-Wy9s6hX0.js', '/assets/index-CYwZuCq-.css']);
  });

  it('is the same for the same build and differs when a script or a stylesheet changed', () => {
    expect(buildSignature(page('C-67sEwe'))).toBe(buildSignature(page('C-67sEwe')));
    expect(buildSignature(page('Dx9q1aa2'))).not.toBe(buildSignature(page('C-67sEwe')));
    expect(buildSignature(page('C-67sEwe', 'Zz00Zz00'))).not.toBe(buildSignature(page('C-67sEwe')));
  });
});
