import { createInterface } from 'node:readline';
import { Writable } from 'node:stream';
import { hashPassword } from '../access/passwords';

/** What the command printed and how it ended, for the bin to pass on. */
export interface HashOutcome {
  stdout: string;
  stderr: string;
  code: 0 | 1;
}

const MIN_LENGTH = 8;

/**
 * `greenboard hash-password`: the argon2id hash of a password, for `access.users[].passwordHash`.
 * The password comes from standard input (one line; piped, or typed at a prompt that does
 * not echo it), never from the command line, where other users and the shell's history see it.
 */
export async function hashPasswordCommand(input: NodeJS.ReadableStream & { isTTY?: boolean }, prompt: NodeJS.WritableStream): Promise<HashOutcome> {
  const password = input.isTTY ? await typed(input, prompt) : await piped(input);
  if (password.length < MIN_LENGTH) return { stdout: '', stderr: `greenboard: a password needs at least ${MIN_LENGTH} characters\n`, code: 1 };
  return { stdout: `${await hashPassword(password)}\n`, stderr: '', code: 0 };
}

/** The first line piped in, without its line ending. */
async function piped(input: NodeJS.ReadableStream): Promise<string> {
  let text = '';
  for await (const chunk of input) {
    text += String(chunk);
    if (text.includes('\n')) break;
  }
  return text.split(/\r?\n/)[0] ?? '';
}

/** A line typed at a prompt, not echoed: the prompt is written, the keys are not. */
function typed(input: NodeJS.ReadableStream, prompt: NodeJS.WritableStream): Promise<string> {
  prompt.write('Password (not shown): ');
  const silent = new Writable({ write: (_chunk, _encoding, done) => done() });
  const reader = createInterface({ input, output: silent, terminal: true });
  return new Promise((resolve) => {
    reader.question('', (answer) => {
      prompt.write('\n');
      reader.close();
      resolve(answer);
    });
  });
}
