import type { ShapeFixture } from './fixture';

export default {
  type: 'http',
  hanging: (t) => ({ url: t.hangingHttpUrl, expect: { status: 200, json: { '$.status': 'UP' } } }),
  unreachable: (t) => ({ url: `http://127.0.0.1:${t.closedPort}/`, auth: { bearer: 'shape-token' } }),
} satisfies ShapeFixture;
