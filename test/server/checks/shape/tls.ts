import type { ShapeFixture } from './fixture';

export default {
  type: 'tls',
  // The listener accepts the connection and never answers the ClientHello.
  hanging: (t) => ({ host: '127.0.0.1', port: t.silentTcpPort }),
  unreachable: (t) => ({ host: '127.0.0.1', port: t.closedPort }),
} satisfies ShapeFixture;
