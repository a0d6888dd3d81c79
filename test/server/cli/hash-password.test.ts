import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { passwordMatches } from '../../../server/access/passwords';
import { parseConfig } from '../../../server/config/load';

const root = join(import.meta.dirname, '../../..');
const BIN = join(root, 'bin/greenboard.mjs');

/** `greenboard hash-password`, the password piped in as a script would. */
function hashPassword(stdin: string, args: string[] = []): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [BIN, 'hash-password', ...args], { cwd: root, stdio: ['pipe', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, stdout, stderr }));
    child.stdin.end(stdin);
  });
}

describe('greenboard hash-password', () => {
  it('prints an argon2id hash of the password piped in, which the config takes and sign-in accepts', async () => {
    const { code, stdout } = await hashPassword('correct horse battery\n');
    expect(code).toBe(0);
    const hash = stdout.trim();
    expect(hash).toMatch(/^\$argon2id\$v=19\$m=19456,t=2,p=1\$/);
    expect(await passwordMatches('correct horse battery', hash)).toBe(true);
    expect(await passwordMatches('correct horse', hash)).toBe(false);
    const { config } = parseConfig(`access:\n  users:\n    - { id: alice, role: admin, passwordHash: "${hash}" }\n`, 'test.yaml', {});
    expect(config.access.users[0]?.passwordHash).toBe(hash);
  });

  it('refuses a password shorter than 8 characters', async () => {
    const { code, stdout, stderr } = await hashPassword('short\n');
    expect(code).toBe(1);
    expect(stdout).toBe('');
    expect(stderr).toContain('at least 8 characters');
  });

  it('never takes the password on the command line, where others could read it', async () => {
    const { code, stderr } = await hashPassword('', ['hunter2hunter2']);
    expect(code).toBe(2);
    expect(stderr).toContain('standard input');
  });
});
