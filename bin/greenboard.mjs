#!/usr/bin/env node
// The `greenboard` command. It only picks the subcommand: `start` is `npm start` itself,
// and `check-config` runs the server's own config loading (TypeScript, through tsx),
// so what it accepts and what it says are what start-up accepts and says.
// Exit codes: 0 done; 1 a bad config, or the server failed; 2 the command line was not understood.
const USAGE = `usage: greenboard <command> [options]

commands:
  start [--config FILE] [--log-level LEVEL]
      serve the board (building it first if its sources changed), as npm start does;
      --config defaults to GREENBOARD_CONFIG, then the example config;
      --log-level (fatal, error, warn, info, debug, trace, silent) defaults to LOG_LEVEL, then info
  check-config FILE
      validate FILE exactly as start-up does, \${VAR} taken from the environment;
      prints a summary and exits 0, or the start-up message on stderr and exits 1

  hash-password
      read a password from standard input (typed, not shown, or piped) and print its
      argon2id hash, for access.users[].passwordHash in the config

exit codes: 0 ok, 1 invalid config (or password), or the server failed, 2 usage error
`;

const wantsHelp = (args) => args.some((arg) => arg === '--help' || arg === '-h');

function usageError(message) {
  process.stderr.write(`greenboard: ${message}\n${USAGE}`);
  process.exit(2);
}

async function checkConfig(args) {
  if (args.length !== 1) usageError('check-config takes one config file');
  if (args[0].startsWith('-')) usageError(`check-config: unknown option ${args[0]}`);
  const { tsImport } = await import('tsx/esm/api');
  const { checkConfig: check } = await tsImport('../server/cli/check-config.ts', import.meta.url);
  const outcome = await check(args[0]);
  process.stdout.write(outcome.stdout);
  process.stderr.write(outcome.stderr);
  process.exitCode = outcome.code;
}

async function hashPassword(args) {
  if (args.length > 0) usageError('hash-password reads the password from standard input, never from the command line');
  const { tsImport } = await import('tsx/esm/api');
  const { hashPasswordCommand } = await tsImport('../server/cli/hash-password.ts', import.meta.url);
  const outcome = await hashPasswordCommand(process.stdin, process.stderr);
  process.stdout.write(outcome.stdout);
  process.stderr.write(outcome.stderr);
  process.exitCode = outcome.code;
}

async function start() {
  // The server reads its flags from process.argv, as under `npm start`: drop the subcommand.
  process.argv.splice(2, 1);
  await import('../scripts/start.mjs');
}

const [command, ...args] = process.argv.slice(2);
if (command === undefined) usageError('no command given');
if (command === 'help' || wantsHelp([command]) || wantsHelp(args)) {
  process.stdout.write(USAGE);
} else if (command === 'start') {
  await start();
} else if (command === 'check-config') {
  await checkConfig(args);
} else if (command === 'hash-password') {
  await hashPassword(args);
} else {
  usageError(`unknown command ${JSON.stringify(command)}`);
}
