import { describe, expect, it } from 'vitest';
import { isUnreachable, postgresErrorCause } from '../../../server/store/postgres-errors';

const withCode = (code: string, message = `failed with ${code}`) => Object.assign(new Error(message), { code });

describe('telling an unreachable PostgreSQL from a refused write', () => {
  it.each([
    ['a refused connection', withCode('ECONNREFUSED')],
    ['a reset connection', withCode('ECONNRESET')],
    ['a connection that timed out', withCode('ETIMEDOUT')],
    ['a host name that cannot be looked up now', withCode('EAI_AGAIN')],
    ['a connection cut mid-query', new Error('Connection terminated unexpectedly')],
    ['a connection that took too long', new Error('Connection terminated due to connection timeout')],
    ['a pool that could not connect in time', new Error('timeout exceeded when trying to connect')],
    ['a server gone silent', new Error('Query read timeout')],
    ['a server shutting down', withCode('57P01', 'terminating connection due to administrator command')],
    ['a server starting up', withCode('57P03', 'the database system is starting up')],
    ['a connection failure', withCode('08006')],
    ['a server with no connection left', withCode('53300')],
    ['every address refused (localhost: ::1 and 127.0.0.1)', new AggregateError([withCode('ECONNREFUSED'), withCode('ECONNREFUSED')], '')],
  ])('%s is unreachable: the write is held', (_, error) => {
    expect(isUnreachable(error)).toBe(true);
  });

  it.each([
    ['a value out of range', withCode('22003', 'value "1000000000000" is out of range for type integer')],
    ['a unique violation', withCode('23505', 'duplicate key value violates unique constraint')],
    ['a full disk on the server', withCode('53100', 'could not extend file')],
    ['a missing table', withCode('42P01', 'relation "samples" does not exist')],
    ['a read-only server', withCode('25006', 'cannot execute INSERT in a read-only transaction')],
    ['a bug', new TypeError('cannot read properties of undefined')],
  ])('%s is not: the write is refused', (_, error) => {
    expect(isUnreachable(error)).toBe(false);
  });
});

describe('why PostgreSQL failed, in words', () => {
  it.each([
    [withCode('ECONNREFUSED', 'connect ECONNREFUSED 127.0.0.1:5432'), 'connection refused: is PostgreSQL running there? (ECONNREFUSED)'],
    [withCode('28P01', 'password authentication failed for user "gb"'), 'the password was refused (28P01)'],
    [withCode('3D000', 'database "gb" does not exist'), 'the database does not exist (3D000)'],
    [new AggregateError([withCode('ECONNREFUSED')], ''), 'connection refused: is PostgreSQL running there? (ECONNREFUSED)'],
    [withCode('XX000', 'something odd'), 'something odd'],
  ])('%s', (error, cause) => {
    expect(postgresErrorCause(error)).toBe(cause);
  });

  it('never repeats the password, even when a message does', () => {
    expect(postgresErrorCause(new Error('could not log in as gb:hunter2'), 'hunter2')).toBe('could not log in as gb:***');
  });
});
