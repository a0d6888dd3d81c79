import type { ShapeFixture } from './fixture';

export default {
  type: 'scenario',
  hanging: (t) => ({ steps: [{ name: 'hang', url: t.hangingHttpUrl }] }),
  unreachable: (t) => ({ steps: [{ name: 'refused', url: `http://127.0.0.1:${t.closedPort}/` }] }),
} satisfies ShapeFixture;
