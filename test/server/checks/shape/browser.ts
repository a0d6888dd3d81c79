import type { ShapeFixture } from './fixture';

export default {
  type: 'browser',
  // The page never loads: the server accepts the request and never answers.
  hanging: (t) => ({ steps: [{ goto: t.hangingHttpUrl }, { expectText: 'never' }] }),
  unreachable: (t) => ({ steps: [{ goto: `http://127.0.0.1:${t.closedPort}/` }] }),
} satisfies ShapeFixture;
