import type { ShapeFixture } from './fixture';

export default {
  type: 'redis',
  // The silent listener accepts the connection and never replies to PING.
  hanging: (t) => ({ url: `redis://127.0.0.1:${t.silentTcpPort}` }),
  unreachable: (t) => ({ url: `redis://127.0.0.1:${t.closedPort}` }),
} satisfies ShapeFixture;
