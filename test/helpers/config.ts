import { parseConfig } from '../../server/config/load';
import type { Config } from '../../server/config/schema';

/** A validated config from YAML text, as a test would write it. */
export function configFromYaml(yaml: string, env: Record<string, string> = {}): Config {
  return parseConfig(yaml, 'test.yaml', env).config;
}
