import { describe, expect, it } from 'vitest';
import { describeDbError, WrongProtocolError, type Protocol, type Stage } from '../../../server/checks/db-errors';

const error = (message: string, fields: Record<string, unknown> = {}) => Object.assign(new Error(message), fields);

describe('database driver errors in words', () => {
  it.each([
    // network
    [error('connect ECONNREFUSED 127.0.0.1:5432', { code: 'ECONNREFUSED' }), 'connect', 'connection refused'],
    [error('getaddrinfo ENOTFOUND db', { code: 'ENOTFOUND' }), 'connect', 'host not found'],
    [error('read ECONNRESET', { code: 'ECONNRESET' }), 'query', 'connection reset by the server'],
    // timeouts in each driver's words
    [error('timeout expired'), 'connect', 'timed out after 2s'],
    [error('Connection terminated due to connection timeout'), 'connect', 'timed out after 2s'],
    [error('connect ETIMEDOUT', { code: 'ETIMEDOUT' }), 'connect', 'timed out after 2s'],
    // the server went away
    [error('Connection terminated unexpectedly'), 'query', 'connection closed by the server'],
    [error('Connection lost: The server closed the connection.', { code: 'PROTOCOL_CONNECTION_LOST' }), 'query', 'connection closed by the server'],
    [error('Connection is closed.'), 'command', 'connection closed by the server'],
    // PostgreSQL
    [error('password authentication failed for user "reader"', { code: '28P01' }), 'connect', 'password authentication failed for user "reader"'],
    [error('database "nope" does not exist', { code: '3D000' }), 'connect', 'database "nope" does not exist'],
    [error('SASL: SCRAM-SERVER-FIRST-MESSAGE: client password must be a string'), 'connect', 'the server asks for a password and the URL has none'],
    [error('syntax error at or near "SELEC"', { code: '42601' }), 'query', 'query failed: syntax error at or near "SELEC"'],
    // MySQL / MariaDB
    [
      error("Access denied for user 'reader'@'10.0.0.1' (using password: YES)", { code: 'ER_ACCESS_DENIED_ERROR' }),
      'connect',
      "Access denied for user 'reader'@'10.0.0.1' (using password: YES)",
    ],
    [
      error(
        "You have an error in your SQL syntax; check the manual that corresponds to your MariaDB server version for the right syntax to use near 'SELEC 1' at line 1",
        { code: 'ER_PARSE_ERROR' },
      ),
      'query',
      "query failed: syntax error near 'SELEC 1' at line 1",
    ],
    // Redis
    [error('WRONGPASS invalid username-password pair or user is disabled.'), 'connect', 'WRONGPASS invalid username-password pair or user is disabled.'],
    [error('NOAUTH Authentication required.'), 'command', 'the server asks for a password and the URL has none'],
    [error("ERR unknown command 'NOPE', with args beginning with: "), 'command', "command failed: ERR unknown command 'NOPE', with args beginning with:"],
  ] as Array<[Error, Stage, string]>)('%s (%s) reads as "%s"', (err, stage, message) => {
    expect(describeDbError(err, stage, 2_000, 'PostgreSQL')).toBe(message);
  });

  it.each([
    // What each driver said against a server speaking something else, as found in review.
    ['MySQL', error('The value of "offset" is out of range. It must be >= 0 and <= 7895160. Received 7895165', { code: 'ERR_OUT_OF_RANGE' })],
    ['MySQL', error('Attempt to access memory outside buffer bounds', { code: 'ERR_BUFFER_OUT_OF_BOUNDS' })],
    ['Redis', error('Protocol error, got "H" as reply type byte. Please report this.')],
    ['PostgreSQL', error('received invalid response: 48')],
    ['PostgreSQL', new WrongProtocolError('PostgreSQL')],
  ] as Array<[Protocol, Error]>)('a reply that is not %s reads as such: %s', (protocol, err) => {
    expect(describeDbError(err, 'connect', 2_000, protocol)).toBe(`the server did not answer with the ${protocol} protocol`);
  });

  it('a time-out stays a time-out, whatever protocol was expected', () => {
    expect(describeDbError(error('connect ETIMEDOUT', { code: 'ETIMEDOUT' }), 'connect', 1_000, 'MySQL')).toBe('timed out after 1s');
  });

  it('a long server message is kept to one short line', () => {
    const message = describeDbError(error(`first line\n${'x'.repeat(500)}`), 'query', 2_000, 'PostgreSQL');
    expect(message).not.toContain('\n');
    expect(message.length).toBeLessThan(230);
  });

  it('something that is not an error still gives a line', () => {
    expect(describeDbError('boom', 'query', 2_000, 'MySQL')).toBe('query failed: boom');
  });
});
