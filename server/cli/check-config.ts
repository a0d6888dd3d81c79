import { ConfigError, loadConfigFile } from '../config/load';
import type { Config } from '../config/schema';
import { startFailure } from './start-failure';

/** What `greenboard check-config FILE` prints, and the exit code it ends with. */
export interface CheckOutcome {
  /** 0: the server would start with this file; 1: it would not. */
  code: 0 | 1;
  stdout: string;
  stderr: string;
}

const counted = (n: number, one: string, many = `${one}s`) => `${n} ${n === 1 ? one : many}`;

/**
 * One line saying what a valid config holds, so a CI log shows at a glance that the file
 * checked is the one meant: `board.yaml: ok — 12 services, 30 checks, 4 teams, 1 source`.
 * Services and checks are always counted; the rest only when there are some.
 */
export function configSummary(file: string, config: Config): string {
  const checks = config.services.reduce((sum, service) => sum + service.checks.length, 0);
  const parts = [counted(config.services.length, 'service'), counted(checks, 'check')];
  const optional: Array<[number, string, string?]> = [
    [config.teams.length, 'team'],
    [config.people.length, 'person', 'people'],
    [config.sources.length, 'source'],
    [config.notifiers.length, 'notifier'],
    [config.maintenance.length, 'maintenance window'],
    [config.views.length, 'view'],
  ];
  for (const [n, one, many] of optional) if (n > 0) parts.push(counted(n, one, many));
  return `${file}: ok — ${parts.join(', ')}`;
}

/** Reads and validates `file` exactly as start-up does, with the environment given for `${VAR}`. */
export async function checkConfig(file: string, env: Record<string, string | undefined> = process.env): Promise<CheckOutcome> {
  try {
    const { config } = await loadConfigFile(file, env);
    return { code: 0, stdout: `${configSummary(file, config)}\n`, stderr: '' };
  } catch (error) {
    if (error instanceof ConfigError) return { code: 1, stdout: '', stderr: startFailure(error).stderr };
    return { code: 1, stdout: '', stderr: `greenboard: cannot check ${file}: ${(error as Error | undefined)?.message ?? String(error)}\n` };
  }
}
