import type { ShapeFixture } from './fixture';

export default {
  type: 'dns',
  // A resolver that receives the query and never replies.
  hanging: (t) => ({ domain: 'app.test', resolver: `127.0.0.1:${t.silentUdpPort}` }),
  // Nothing listens on that UDP port: the query is refused (or times out at the check's timeout).
  unreachable: (t) => ({ domain: 'app.test', resolver: `127.0.0.1:${t.closedPort}` }),
} satisfies ShapeFixture;
