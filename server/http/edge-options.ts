import { resolve } from 'node:path';
import { serverLimitsFromEnv, type ServerLimits } from './server-limits';

/** What the HTTP edge takes from the environment and the config file in use. */
export interface EdgeOptions {
  /** Whether the demo endpoints and shop are mounted under `/demo`. */
  demo: boolean;
  /** Timeouts and the connection cap of the HTTP server. */
  serverLimits: ServerLimits;
}

/**
 * The demo is mounted when the config in use is the bundled example (which probes it) or
 * `GREENBOARD_DEMO=1` asks for it; never otherwise, as it has a fixed, published login.
 * Throws, naming the variable, when a limit in the environment is malformed.
 */
export function edgeOptions(configFile: string, exampleConfig: string, env: NodeJS.ProcessEnv): EdgeOptions {
  return {
    demo: resolve(configFile) === resolve(exampleConfig) || env.GREENBOARD_DEMO === '1',
    serverLimits: serverLimitsFromEnv(env),
  };
}
