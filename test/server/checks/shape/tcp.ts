import type { ShapeFixture } from './fixture';

export default {
  type: 'tcp',
  // A TCP connect to a listening port completes at once, so the silent listener is "ok".
  hanging: (t) => ({ host: '127.0.0.1', port: t.silentTcpPort }),
  unreachable: (t) => ({ host: '127.0.0.1', port: t.closedPort }),
} satisfies ShapeFixture;
