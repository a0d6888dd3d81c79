import type { ShapeFixture } from './fixture';

export default {
  type: 'postgres',
  // The silent listener accepts the connection and never answers the startup message.
  hanging: (t) => ({ url: `postgres://reader:secret@127.0.0.1:${t.silentTcpPort}/orders` }),
  unreachable: (t) => ({ url: `postgres://reader:secret@127.0.0.1:${t.closedPort}/orders` }),
} satisfies ShapeFixture;
