import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { stringify } from 'yaml';
import { startDaemon, type Daemon } from './daemon';
import { ALERTMANAGER_PATH } from './prometheus';

export interface AlertmanagerOptions {
  /** Where its one receiver posts: Greenboard's `/api/sources/{id}/webhook`. */
  webhookUrl: string;
  /** Sent as `Authorization: Bearer …`. */
  token: string;
}

/**
 * A real Alertmanager on 127.0.0.1 without clustering (no gossip port), with a data
 * directory of its own. Its one route groups by alert and service and waits a second at
 * most, so a firing or resolved alert reaches the webhook within a couple of seconds.
 */
export function startAlertmanager(options: AlertmanagerOptions): Promise<Daemon> {
  return startDaemon({
    name: 'Alertmanager',
    binary: ALERTMANAGER_PATH,
    prepare: (dir) => writeFile(join(dir, 'alertmanager.yml'), stringify(alertmanagerConfig(options))),
    args: (port, dir) => [
      `--config.file=${join(dir, 'alertmanager.yml')}`,
      `--storage.path=${join(dir, 'data')}`,
      `--web.listen-address=127.0.0.1:${port}`,
      '--cluster.listen-address=',
    ],
  });
}

function alertmanagerConfig({ webhookUrl, token }: AlertmanagerOptions) {
  return {
    route: { receiver: 'greenboard', group_by: ['alertname', 'service'], group_wait: '500ms', group_interval: '1s', repeat_interval: '1m' },
    receivers: [
      {
        name: 'greenboard',
        webhook_configs: [{ url: webhookUrl, send_resolved: true, http_config: { authorization: { type: 'Bearer', credentials: token } } }],
      },
    ],
  };
}
