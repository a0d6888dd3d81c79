import type { ShapeFixture } from './fixture';

export default {
  type: 'prometheus',
  hanging: (t) => ({ url: t.hangingHttpUrl, query: 'up', expect: { value: '== 1' } }),
  unreachable: (t) => ({ url: `http://127.0.0.1:${t.closedPort}`, query: 'up', bearerToken: 'shape-token' }),
} satisfies ShapeFixture;
