import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { stringify } from 'yaml';
import { binariesRequirement, startDaemon, type Daemon } from './daemon';

export const PROMETHEUS_PATH = process.env.PROMETHEUS_PATH ?? '/usr/bin/prometheus';
export const ALERTMANAGER_PATH = process.env.ALERTMANAGER_PATH ?? '/usr/bin/prometheus-alertmanager';

/** Tests that run a real Prometheus and Alertmanager skip without them, with the reason printed; never under CI=true. */
export function monitoringRequirement() {
  return binariesRequirement('Prometheus (with Alertmanager)', [PROMETHEUS_PATH, ALERTMANAGER_PATH], 'apt-get install -y prometheus prometheus-alertmanager');
}

/** One alerting rule, as written in a Prometheus rule file. */
export interface AlertRule {
  alert: string;
  expr: string;
  /** How long the expression must hold before the alert fires (default `0s`: at once). */
  for?: string;
  /** Added to the alert; values may be templates (`{{ $labels.app }}`). */
  labels?: Record<string, string>;
  annotations?: Record<string, string>;
}

export interface PrometheusOptions {
  /** Scrape jobs: the job name and the `host:port` serving `/metrics`. */
  scrape: ReadonlyArray<{ job: string; target: string }>;
  rules?: readonly AlertRule[];
  /** The Alertmanager to send alerts to, as `http://127.0.0.1:PORT`. */
  alertmanager?: string;
  /** A port to listen on, to start it again where it was; a free one when absent. */
  port?: number;
}

/**
 * A real Prometheus on 127.0.0.1 with a data directory of its own. It scrapes and
 * evaluates every second and re-sends firing alerts every second, so a change of the
 * target reaches a query, `/api/v1/alerts` and an Alertmanager within a few seconds.
 */
export function startPrometheus(options: PrometheusOptions): Promise<Daemon> {
  return startDaemon({
    name: 'Prometheus',
    binary: PROMETHEUS_PATH,
    port: options.port,
    prepare: async (dir) => {
      const rules = join(dir, 'rules.yml');
      await writeFile(rules, stringify({ groups: [{ name: 'test', rules: (options.rules ?? []).map((rule) => ({ for: '0s', ...rule })) }] }));
      await writeFile(join(dir, 'prometheus.yml'), stringify(prometheusConfig(options, rules)));
    },
    args: (port, dir) => [
      `--config.file=${join(dir, 'prometheus.yml')}`,
      `--storage.tsdb.path=${join(dir, 'data')}`,
      `--web.listen-address=127.0.0.1:${port}`,
      // The default (1m) would hold back the re-send that repairs a lost notification.
      '--rules.alert.resend-delay=1s',
    ],
  });
}

function prometheusConfig(options: PrometheusOptions, rules: string) {
  const alertmanager = options.alertmanager ? new URL(options.alertmanager).host : null;
  return {
    global: { scrape_interval: '1s', scrape_timeout: '1s', evaluation_interval: '1s' },
    rule_files: [rules],
    scrape_configs: options.scrape.map(({ job, target }) => ({ job_name: job, static_configs: [{ targets: [target] }] })),
    ...(alertmanager ? { alerting: { alertmanagers: [{ static_configs: [{ targets: [alertmanager] }] }] } } : {}),
  };
}
