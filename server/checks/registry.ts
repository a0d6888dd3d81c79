import { browserCheck } from './browser';
import { dnsCheck } from './dns';
import { httpCheck } from './http';
import { mysqlCheck } from './mysql';
import { pingCheck } from './ping';
import { postgresCheck } from './postgres';
import { prometheusCheck } from './prometheus';
import { redisCheck } from './redis';
import { scenarioCheck } from './scenario';
import { tcpCheck } from './tcp';
import { tlsCheck } from './tls';
import type { CheckType } from './types';

/** Every check type Greenboard knows. Adding one is one line here. */
export const checkTypes = {
  http: httpCheck,
  tcp: tcpCheck,
  tls: tlsCheck,
  dns: dnsCheck,
  ping: pingCheck,
  browser: browserCheck,
  scenario: scenarioCheck,
  postgres: postgresCheck,
  redis: redisCheck,
  mysql: mysqlCheck,
  prometheus: prometheusCheck,
} satisfies Record<string, CheckType>;

export type CheckTypeName = keyof typeof checkTypes;

export function getCheckType(name: string): CheckType {
  const type = (checkTypes as Record<string, CheckType>)[name];
  if (!type) throw new Error(`no check type "${name}"`);
  return type;
}
