/** Loopback targets the shape test provides to every check type. */
export interface ShapeTargets {
  /** An HTTP server that accepts requests and never answers. */
  hangingHttpUrl: string;
  /** A TCP listener that accepts connections and never sends a byte. */
  silentTcpPort: number;
  /** A UDP socket that receives and never replies. */
  silentUdpPort: number;
  /** A port nothing listens on. */
  closedPort: number;
}

/** What one check type gives the shared shape test: one file per type in this folder. */
export interface ShapeFixture {
  type: string;
  /**
   * Fields of a valid config (without id, type, timeout) whose target never answers.
   * Null only when no such target can exist on loopback; `why` then says so.
   */
  hanging: ((t: ShapeTargets) => Record<string, unknown>) | null;
  why?: string;
  /** Fields of a valid config whose target does not exist or refuses. */
  unreachable: (t: ShapeTargets) => Record<string, unknown>;
}
