import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseConfig } from '../../../server/config/load';
import { startBoard, type RunningBoard } from '../../helpers/board';
import { binariesRequirement } from '../../helpers/daemon';
import { scrape, type Exposition } from './exposition';

const PROMTOOL = process.env.PROMTOOL_PATH ?? '/usr/bin/promtool';
const page = readFileSync(new URL('../../../docs/metrics.md', import.meta.url), 'utf8');
const yamlBlocks = [...page.matchAll(/```yaml\n([\s\S]*?)```/g)].map((match) => match[1]!);
const blockHolding = (word: string) => yamlBlocks.find((block) => block.includes(word))!;
/** The metrics every server serves come before the section of those served only with PostgreSQL (held to them in the cluster test). */
const singleServer = page.split('### With PostgreSQL, and with several instances')[0]!;

describe('docs/metrics.md', () => {
  let board: RunningBoard;
  let metrics: Exposition;
  let dir: string;

  beforeAll(async () => {
    board = await startBoard('services:\n  - { id: checkout, name: Checkout API }\n');
    metrics = await scrape(board.url);
    dir = mkdtempSync(join(tmpdir(), 'gb-metrics-docs-'));
  });

  afterAll(async () => {
    await board.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it("describes every metric of Greenboard's that /metrics serves, with its type, and no other", () => {
    const documented = new Map([...singleServer.matchAll(/^\| `(greenboard_[a-z_]+)` \| (\w+) \|/gm)].map((match) => [match[1]!, match[2]!]));
    const served = new Map([...metrics.types].filter(([name]) => name.startsWith('greenboard_')));
    expect(Object.fromEntries(documented)).toEqual(Object.fromEntries(served));
  });

  it('names only process metrics that /metrics serves', () => {
    const named = [...page.matchAll(/`((?:process|nodejs)_[a-z_0-9]+)`/g)].map((match) => match[1]!);
    expect(named.length).toBeGreaterThan(5);
    expect(named.filter((name) => !metrics.types.has(name))).toEqual([]);
  });

  it('gives a config that loads, its token from the environment', () => {
    const loaded = parseConfig(blockHolding('metrics:'), 'greenboard.yaml', { METRICS_TOKEN: 'a-token-of-24-characters' });
    expect(loaded.config.metrics.token).toBe('a-token-of-24-characters');
  });

  describe('with promtool', { skip: binariesRequirement('promtool', [PROMTOOL], 'apt-get install -y prometheus').skip }, () => {
    const promtool = (...args: string[]) => {
      const run = spawnSync(PROMTOOL, args, { encoding: 'utf8' });
      return { status: run.status, output: `${run.stdout}${run.stderr}` };
    };

    it('gives a scrape config Prometheus takes', () => {
      const tokenFile = join(dir, 'token');
      writeFileSync(tokenFile, 'a-token-of-24-characters');
      const file = join(dir, 'prometheus.yml');
      writeFileSync(file, blockHolding('scrape_configs:').replace('/etc/prometheus/greenboard-metrics-token', tokenFile));
      expect(promtool('check', 'config', file)).toMatchObject({ status: 0 });
    });

    it("gives alerting rules Prometheus takes, on Greenboard's metrics", () => {
      const file = join(dir, 'rules.yml');
      const rules = blockHolding('groups:');
      writeFileSync(file, rules);
      expect(promtool('check', 'rules', file)).toMatchObject({ status: 0 });
      const names = [...rules.matchAll(/\b((?:greenboard|process|nodejs)_[a-z_0-9]+)/g)].map((match) => match[1]!);
      expect(names.filter((name) => !metrics.types.has(name))).toEqual([]);
    });
  });
});
