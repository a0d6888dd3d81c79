import type { ShapeFixture } from './fixture';

export default {
  type: 'ping',
  hanging: null,
  why: 'every loopback address answers ICMP echo, so no silent ping target exists on loopback',
  // An unknown name under .invalid: ping fails at once, before sending a packet.
  unreachable: () => ({ host: 'nonexistent.invalid', count: 1 }),
} satisfies ShapeFixture;
