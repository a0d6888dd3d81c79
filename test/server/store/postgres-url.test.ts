import { describe, expect, it } from 'vitest';
import { DEFAULT_POOL_MAX, parsePostgresUrl } from '../../../server/store/postgres-url';

describe('reading a PostgreSQL DATABASE_URL', () => {
  it('takes out schema and pool_max, sets the schema as every connection’s search path, and passes the rest to pg', () => {
    const target = parsePostgresUrl('postgres://gb:s3cret@db.internal:6432/greenboard?schema=board&pool_max=4&sslmode=require');
    expect(target.schema).toBe('board');
    expect(target.pool.max).toBe(4);
    expect(target.pool.options).toBe('-c search_path="board"');
    expect(target.pool.connectionString).toBe('postgres://gb:s3cret@db.internal:6432/greenboard?sslmode=require');
    expect(target.where).toBe('db.internal:6432/greenboard');
    expect(target.password).toBe('s3cret');
  });

  it('without parameters: the server’s own search path, a pool of ten, the default port', () => {
    const target = parsePostgresUrl('postgresql://gb@db/greenboard');
    expect(target).toMatchObject({ schema: null, where: 'db:5432/greenboard', password: null });
    expect(target.pool).toMatchObject({ max: DEFAULT_POOL_MAX, options: undefined, connectionTimeoutMillis: 5_000, query_timeout: 15_000 });
  });

  it('keeps options of its own beside the search path, and reads the timeouts as libpq and pg do', () => {
    const target = parsePostgresUrl('postgres://db/gb?schema=gb&options=-c%20statement_timeout%3D5000&connect_timeout=2&query_timeout=0');
    expect(target.pool.options).toBe('-c statement_timeout=5000 -c search_path="gb"');
    expect(target.pool).toMatchObject({ connectionTimeoutMillis: 2_000, query_timeout: undefined });
    expect(target.pool.connectionString).toBe('postgres://db/gb');
  });

  it.each([
    ['postgres://db/gb?schema=drop%20table', /schema must be letters, digits and _/],
    ['postgres://db/gb?schema=1abc', /schema must be/],
    ['postgres://db/gb?pool_max=0', /pool_max must be a whole number from 1/],
    ['postgres://db/gb?pool_max=many', /pool_max must be a whole number/],
    ['postgres://db/gb?connect_timeout=-1', /connect_timeout must be/],
  ])('%s is refused, saying which parameter is wrong', (url, message) => {
    expect(() => parsePostgresUrl(url)).toThrow(message);
  });

  it('a URL that cannot be read is refused without repeating it: it may hold a password', () => {
    expect(() => parsePostgresUrl('postgres://gb:hunter2@[bad')).toThrow(
      expect.objectContaining({ code: 'bad_database_url', message: expect.not.stringContaining('hunter2') }),
    );
  });
});
