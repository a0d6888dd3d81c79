import type { ShapeFixture } from './fixture';

export default {
  type: 'mysql',
  // The silent listener accepts the connection and never sends the server greeting.
  hanging: (t) => ({ url: `mysql://reader:secret@127.0.0.1:${t.silentTcpPort}/orders` }),
  unreachable: (t) => ({ url: `mysql://reader:secret@127.0.0.1:${t.closedPort}/orders` }),
} satisfies ShapeFixture;
