import { execFile } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterEach, describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { startBoard, type RunningBoard } from '../helpers/board';
import { binariesRequirement } from '../helpers/daemon';
import { waitFor } from '../helpers/wait';

const run = promisify(execFile);
const PAGE = join(import.meta.dirname, '..', '..', 'docs', 'connect-monitoring.md');
const AMTOOL = process.env.AMTOOL_PATH ?? '/usr/bin/amtool';
const PROMTOOL = process.env.PROMTOOL_PATH ?? '/usr/bin/promtool';
const BOARD_URL = 'https://greenboard.example';

interface Block {
  lang: string;
  text: string;
  /** The file a block is, from its first line (`# alertmanager.yml`), when it says. */
  file: string | null;
}

function blocks(): Block[] {
  const page = readFileSync(PAGE, 'utf8');
  return [...page.matchAll(/```(\w+)\n([\s\S]*?)```/g)].map(([, lang, text]) => ({ lang: lang!, text: text!, file: /^# (\S+)/.exec(text!)?.[1] ?? null }));
}

const isBoardConfig = (block: Block) => block.lang === 'yaml' && block.file === null && 'services' in (parse(block.text) as object);

/** Each shell block with the Greenboard config shown last before it: the commands are tried against that board. */
function commandsWithTheirConfig(): Array<{ config: string; commands: string[] }> {
  const found: Array<{ config: string; commands: string[] }> = [];
  let config: string | null = null;
  for (const block of blocks()) {
    if (isBoardConfig(block)) config = block.text;
    if (block.lang !== 'sh' || config === null) continue;
    const last = found.at(-1);
    if (last?.config === config) last.commands.push(block.text);
    else found.push({ config, commands: [block.text] });
  }
  return found;
}

const tools = binariesRequirement('amtool and promtool', [AMTOOL, PROMTOOL], 'apt-get install -y prometheus prometheus-alertmanager');

describe('the "connect your monitoring" page, tried as written', () => {
  it.skipIf(tools.skip)('its Alertmanager configs pass amtool, and its Prometheus rule files pass promtool', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'gb-doc-'));
    const files = blocks().filter((b) => b.file === 'alertmanager.yml' || b.file === 'rules.yml');
    expect(files.map((b) => b.file).sort()).toEqual(['alertmanager.yml', 'alertmanager.yml', 'rules.yml', 'rules.yml']);
    for (const [index, block] of files.entries()) {
      const path = join(dir, `${index}-${block.file}`);
      writeFileSync(path, block.text);
      const [tool, args] = block.file === 'rules.yml' ? [PROMTOOL, ['check', 'rules', path]] : [AMTOOL, ['check-config', path]];
      await expect(run(tool, args), `${block.file} (block ${index + 1})`).resolves.toBeDefined();
    }
  });

  let board: RunningBoard | null = null;
  afterEach(async () => {
    await board?.close();
    board = null;
  });

  it('has shell commands to try, each after the config it goes with', () => {
    expect(commandsWithTheirConfig().map(({ commands }) => commands.length)).toEqual([2, 1]);
  });

  it.each(commandsWithTheirConfig().map((pair, index) => [index + 1, pair] as const))(
    'commands %i reach a board running the config before them, and say what the page says they say',
    async (_index, { config, commands }) => {
      const env = Object.fromEntries([...config.matchAll(/\$\{(\w+)\}/g)].map(([, name]) => [name!, `doc-token-${name!.toLowerCase()}-0123456789`]));
      board = await startBoard(
        config.replace(/\$\{(\w+)\}/g, (_, name: string) => env[name]!),
        { secrets: Object.values(env) },
      );
      for (const command of commands) {
        const local = command.replaceAll(BOARD_URL, board.url);
        await run('bash', ['-c', local], { env: { ...process.env, ...env } });
      }
      // What the last command says is what the board shows on the service it names.
      const said = /msg=([^"]+)"|"message": "([^"]+)"/.exec(commands.at(-1)!)!;
      const message = said[1] ?? said[2]!;
      await waitFor(
        () => board!.app.engine.views().some((view) => view.status === 'down' && view.checks.some((c) => c.origin === 'source' && c.message === message)),
        `a service down saying "${message}"`,
      );
    },
  );
});
