// SLOW (several minutes): runs docs/docker/Dockerfile's steps for real — `npm ci` with a
// native build of better-sqlite3, the board's production build, `npm prune` — in a clean
// temporary directory, without Docker. Each stage's filesystem is a directory of its own:
// WORKDIR /app is <stage>/app, COPY copies from a clean tree of the repository (or from
// the stage it names), RUN runs with the stage's ENV and ARGs and nothing else of ours.
// The final stage's RUN steps install system packages and are not run here; its COPYs,
// ENV, ENTRYPOINT, CMD and HEALTHCHECK are, so the image's own command must start the
// server from what was copied into it.
import { execFileSync, spawn } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, statSync } from 'node:fs';
import { rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { basename, dirname, join, posix } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { stablePort } from '../helpers/targets';
import { waitFor } from '../helpers/wait';

const root = join(import.meta.dirname, '..', '..');
const DOCKERFILE = join(root, 'docs/docker/Dockerfile');
/** `npm ci` compiles better-sqlite3 from source where its prebuilt binary cannot be fetched. */
const BUILD_TIMEOUT_MS = 15 * 60_000;

interface Instruction {
  keyword: string;
  args: string;
}

interface Stage {
  name: string | null;
  instructions: Instruction[];
}

const SUPPORTED = new Set(['FROM', 'ARG', 'WORKDIR', 'COPY', 'RUN', 'ENV', 'USER', 'EXPOSE', 'VOLUME', 'HEALTHCHECK', 'ENTRYPOINT', 'CMD']);

/** The Dockerfile's instructions, continuation lines joined and comments dropped, split into stages. */
function parseDockerfile(text: string): { globalArgs: Instruction[]; stages: Stage[] } {
  const logical: string[] = [];
  let pending = '';
  for (const line of text.split('\n')) {
    if (/^\s*#/.test(line)) continue; // comments, also between continuation lines as Docker allows
    if (line.endsWith('\\')) {
      pending += `${line.slice(0, -1)} `;
      continue;
    }
    const whole = (pending + line).trim();
    pending = '';
    if (whole) logical.push(whole);
  }
  const globalArgs: Instruction[] = [];
  const stages: Stage[] = [];
  for (const line of logical) {
    const [, keyword = '', args = ''] = /^(\S+)\s*(.*)$/s.exec(line) ?? [];
    const instruction = { keyword: keyword.toUpperCase(), args: args.trim() };
    if (!SUPPORTED.has(instruction.keyword)) throw new Error(`the test does not know the instruction ${instruction.keyword}; teach it or avoid it`);
    if (instruction.keyword === 'FROM') {
      const name = /\sAS\s+(\S+)$/i.exec(instruction.args)?.[1] ?? null;
      stages.push({ name, instructions: [] });
    } else if (stages.length === 0) {
      if (instruction.keyword !== 'ARG') throw new Error(`${instruction.keyword} before the first FROM`);
      globalArgs.push(instruction);
    } else {
      stages.at(-1)!.instructions.push(instruction);
    }
  }
  return { globalArgs, stages };
}

/** `KEY=value KEY2="value two"`, or the old `KEY value` form. */
function parseAssignments(args: string): Record<string, string> {
  if (!/^[A-Za-z_][A-Za-z0-9_]*=/.test(args)) {
    const [key, ...rest] = args.split(/\s+/);
    return { [key!]: rest.join(' ') };
  }
  const pairs: Record<string, string> = {};
  for (const match of args.matchAll(/([A-Za-z_][A-Za-z0-9_]*)=("(?:[^"\\]|\\.)*"|\S*)/g)) {
    const value = match[2]!;
    pairs[match[1]!] = value.startsWith('"') ? (JSON.parse(value) as string) : value;
  }
  return pairs;
}

/** Leading `--flag=value` options of COPY and HEALTHCHECK, and what follows them. */
function splitFlags(args: string): { flags: Record<string, string>; rest: string } {
  const flags: Record<string, string> = {};
  let rest = args;
  for (let match = /^--([a-z-]+)(?:=(\S+))?\s+/.exec(rest); match; match = /^--([a-z-]+)(?:=(\S+))?\s+/.exec(rest)) {
    flags[match[1]!] = match[2] ?? 'true';
    rest = rest.slice(match[0].length);
  }
  return { flags, rest };
}

/** The exec form (`["node", "x"]`) of ENTRYPOINT, CMD and HEALTHCHECK CMD; the shell form is not used here. */
function execForm(args: string): string[] {
  const parsed: unknown = JSON.parse(args);
  if (!Array.isArray(parsed) || !parsed.every((part) => typeof part === 'string')) throw new Error(`not an exec form: ${args}`);
  return parsed;
}

/** Files of the repository as a fresh clone has them (tracked, or new and not ignored), minus what the build's ignore file drops. */
function cleanTree(into: string): void {
  const ignoreFile = join(dirname(DOCKERFILE), `${basename(DOCKERFILE)}.dockerignore`);
  const ignored = existsSync(ignoreFile)
    ? readFileSync(ignoreFile, 'utf8')
        .split('\n')
        .map((line) => line.trim())
        .filter((line) => line && !line.startsWith('#'))
        .map((pattern) => {
          const body = pattern
            .replace(/^\/+/, '')
            .split('**')
            .map((part) =>
              part
                .replace(/[.+^${}()|[\]\\]/g, '\\$&')
                .replace(/\*/g, '[^/]*')
                .replace(/\?/g, '[^/]'),
            )
            .join('.*');
          return new RegExp(`^${body}(/|$)`);
        })
    : [];
  const files = execFileSync('git', ['ls-files', '-z', '--cached', '--others', '--exclude-standard'], { cwd: root, encoding: 'utf8' }).split('\0');
  for (const file of files) {
    if (!file || ignored.some((pattern) => pattern.test(file)) || !existsSync(join(root, file))) continue;
    mkdirSync(dirname(join(into, file)), { recursive: true });
    cpSync(join(root, file), join(into, file));
  }
}

/** What a RUN or the image's command sees: the stage's ENV and ARGs over only what finding node, npm and npm's cache needs. */
function baseEnv(): Record<string, string> {
  const env: Record<string, string> = { PATH: process.env.PATH ?? '/usr/local/bin:/usr/bin:/bin', HOME: process.env.HOME ?? '/root' };
  if (process.env.TMPDIR) env.TMPDIR = process.env.TMPDIR;
  // Tarballs come from npm's cache when it has them: the same packages, sooner.
  env.npm_config_prefer_offline = 'true';
  env.npm_config_update_notifier = 'false';
  return env;
}

interface BuiltStage {
  name: string | null;
  /** The stage's filesystem: the image's `/x` is `<rootfs>/x`. */
  rootfs: string;
  workdir: string;
  env: Record<string, string>;
  user: string | null;
  exposed: string[];
  entrypoint: string[];
  cmd: string[];
  healthcheck: string[] | null;
}

/** Runs one stage's steps; RUN only when `runSteps` (the build stages). */
async function runStage(
  stage: Stage,
  index: number,
  context: string,
  scratch: string,
  built: BuiltStage[],
  globalArgs: Record<string, string>,
  runSteps: boolean,
): Promise<BuiltStage> {
  const result: BuiltStage = {
    name: stage.name,
    rootfs: join(scratch, `stage-${index}`),
    workdir: '/',
    env: {},
    user: null,
    exposed: [],
    entrypoint: [],
    cmd: [],
    healthcheck: null,
  };
  const args: Record<string, string> = {};
  const onHost = (path: string) => join(result.rootfs, posix.resolve(result.workdir, path));
  mkdirSync(result.rootfs, { recursive: true });
  for (const { keyword, args: text } of stage.instructions) {
    switch (keyword) {
      case 'ARG': {
        const [name, fallback] = text.split('=', 2) as [string, string | undefined];
        args[name] = fallback ?? globalArgs[name] ?? '';
        break;
      }
      case 'ENV':
        Object.assign(result.env, parseAssignments(text));
        break;
      case 'WORKDIR':
        result.workdir = posix.resolve(result.workdir, text);
        mkdirSync(onHost('.'), { recursive: true });
        break;
      case 'COPY': {
        const { flags, rest } = splitFlags(text);
        const parts = rest.split(/\s+/);
        const destination = parts.pop()!;
        const from = flags.from === undefined ? null : built.find((b) => b.name === flags.from);
        if (from === undefined) throw new Error(`COPY --from=${flags.from}: no such stage`);
        const sourceOf = (path: string) => (from ? join(from.rootfs, posix.resolve('/', path)) : join(context, path));
        const intoDirectory = destination.endsWith('/') || parts.length > 1;
        for (const part of parts) {
          if (/[*?[]/.test(part)) throw new Error(`COPY ${part}: the test does not expand patterns`);
          const source = sourceOf(part);
          if (!existsSync(source)) throw new Error(`COPY ${part}: not in the ${from ? `stage ${from.name}` : 'build context'}`);
          // A directory's contents are copied, not the directory itself, as Docker does.
          const target = statSync(source).isDirectory() || !intoDirectory ? onHost(destination) : join(onHost(destination), basename(source));
          mkdirSync(statSync(source).isDirectory() ? target : dirname(target), { recursive: true });
          cpSync(source, target, { recursive: true, verbatimSymlinks: true });
        }
        break;
      }
      case 'RUN': {
        if (!runSteps) break;
        if (text.startsWith('[')) throw new Error('RUN in exec form is not supported by the test');
        const ran = await runToEnd(['sh', '-c', text], onHost('.'), { ...baseEnv(), ...args, ...result.env });
        if (ran.code !== 0) throw new Error(`RUN ${text} ended with ${ran.code}:\n${ran.output.slice(-6_000)}`);
        break;
      }
      case 'USER':
        result.user = text;
        break;
      case 'EXPOSE':
        result.exposed.push(...text.split(/\s+/));
        break;
      case 'ENTRYPOINT':
        result.entrypoint = execForm(text);
        break;
      case 'CMD':
        result.cmd = execForm(text);
        break;
      case 'HEALTHCHECK': {
        const { rest } = splitFlags(text);
        if (!rest.startsWith('CMD ')) throw new Error(`HEALTHCHECK ${rest}: only CMD in exec form is supported by the test`);
        result.healthcheck = execForm(rest.slice(4));
        break;
      }
      case 'VOLUME':
        break;
    }
  }
  return result;
}

/** A process run to its end, its output kept for a failing test's message. */
function runToEnd(command: string[], cwd: string, env: Record<string, string>): Promise<{ code: number | null; output: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(command[0]!, command.slice(1), { cwd, env, stdio: ['ignore', 'pipe', 'pipe'] });
    let output = '';
    child.stdout.on('data', (d) => (output += d));
    child.stderr.on('data', (d) => (output += d));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, output }));
  });
}

describe('docs/docker/Dockerfile, its steps run in a clean directory', () => {
  const scratch = mkdtempSync(join(tmpdir(), 'gb-dockerfile-'));
  let image: BuiltStage;
  /** The image's environment on this machine: its ENV, its WORKDIR paths moved under its directory. */
  let imageEnv: (overrides: Record<string, string>) => Record<string, string>;

  beforeAll(async () => {
    const { globalArgs, stages } = parseDockerfile(readFileSync(DOCKERFILE, 'utf8'));
    expect(stages.length).toBeGreaterThanOrEqual(2);
    const context = join(scratch, 'context');
    cleanTree(context);
    const globals = Object.fromEntries(globalArgs.map((a) => a.args.split('=', 2) as [string, string]));
    const built: BuiltStage[] = [];
    for (const [i, stage] of stages.entries()) built.push(await runStage(stage, i, context, scratch, built, globals, i < stages.length - 1));
    image = built.at(-1)!;
    imageEnv = (overrides) => {
      const env: Record<string, string> = { ...baseEnv() };
      const inImage = (value: string) => value === image.workdir || value.startsWith(`${image.workdir}/`);
      for (const [key, value] of Object.entries(image.env)) env[key] = inImage(value) ? join(image.rootfs, value) : value;
      return { ...env, ...overrides };
    };
  }, BUILD_TIMEOUT_MS);

  // Two stages' node_modules: hundreds of MB, tens of thousands of files.
  afterAll(() => rm(scratch, { recursive: true, force: true }), 5 * 60_000);

  it('declares what running it needs: a user other than root, port 8080, a health check, Chromium optional', () => {
    const text = readFileSync(DOCKERFILE, 'utf8');
    expect(image.user).toBeTruthy();
    expect(['root', '0']).not.toContain(image.user!.split(':')[0]);
    expect(image.exposed).toContain('8080');
    expect(image.env).toMatchObject({ HOST: '0.0.0.0', GREENBOARD_DATA_DIR: '/app/data' });
    expect(image.healthcheck?.join(' ')).toContain('/healthz');
    expect(text).toMatch(/^ARG WITH_CHROMIUM=false$/m);
    expect(text).toMatch(/if \[ "\$WITH_CHROMIUM" = "true" \]; then[^]*apt-get install[^]*chromium/);
  });

  it('the image holds a production build of the board and the server bundle', () => {
    const app = join(image.rootfs, image.workdir);
    expect(readFileSync(join(app, 'dist/client/index.html'), 'utf8')).toContain('<script');
    expect(JSON.parse(readFileSync(join(app, 'dist/client/.build.json'), 'utf8'))).toMatchObject({ production: true });
    expect(existsSync(join(app, 'dist/server.mjs'))).toBe(true);
    // Pruned: a dev dependency is not in the image.
    expect(existsSync(join(app, 'node_modules/vitest'))).toBe(false);
  });

  it('its command serves the board, its health check passes, and SIGTERM stops it with 0', async () => {
    const app = join(image.rootfs, image.workdir);
    const built = ['dist/server.mjs', 'dist/client/index.html'].map((file) => statSync(join(app, file)).mtimeMs);
    const port = await stablePort();
    const env = imageEnv({ HOST: '127.0.0.1', PORT: String(port) });
    const command = [...image.entrypoint, ...image.cmd];
    const child = spawn(command[0]!, command.slice(1), { cwd: app, env, stdio: ['ignore', 'pipe', 'pipe'] });
    let output = '';
    child.stdout.on('data', (d) => (output += d));
    child.stderr.on('data', (d) => (output += d));
    const exited = new Promise<number | null>((resolve) => child.on('close', resolve));
    try {
      // Ended before it answered: say so at once, with what it printed.
      const endedEarly = exited.then((code) => {
        throw new Error(`the image's command ended with ${code} before it answered:\n${output}`);
      });
      endedEarly.catch(() => undefined); // once it answered, its end is awaited below
      await Promise.race([
        endedEarly,
        waitFor(async () => (await fetch(`http://127.0.0.1:${port}/healthz`)).status === 200, 'the server in the image to answer', { timeoutMs: 60_000 }).catch(
          (error: Error) => {
            throw new Error(`${error.message}\n${output}`);
          },
        ),
      ]);
      expect(await (await fetch(`http://127.0.0.1:${port}/`)).text()).toContain('<script');
      const health = await runToEnd(image.healthcheck!, app, env);
      expect(health, health.output).toMatchObject({ code: 0 });
      // The state went to the image's data directory.
      expect(existsSync(join(app, 'data/greenboard.db'))).toBe(true);
    } finally {
      child.kill('SIGTERM');
    }
    expect(await exited, output).toBe(0);
    // What the build made was served as it was: nothing was rebuilt at start.
    expect(['dist/server.mjs', 'dist/client/index.html'].map((file) => statSync(join(app, file)).mtimeMs)).toEqual(built);
    expect(output).not.toContain('Building');
  }, 90_000);

  it('check-config works in the image, through its entrypoint', async () => {
    const app = join(image.rootfs, image.workdir);
    const result = await runToEnd([...image.entrypoint, 'check-config', 'examples/greenboard.yaml'], app, imageEnv({}));
    expect(result, result.output).toMatchObject({ code: 0 });
    expect(result.output).toContain('examples/greenboard.yaml: ok — ');
  });
});
