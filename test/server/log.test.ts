import { Writable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { createLogger, maskInLog } from '../../server/log';
import { findSecrets } from '../helpers/leaks';

function capturedLogger() {
  const lines: string[] = [];
  const destination = new Writable({
    write(chunk: Buffer, _encoding, done) {
      lines.push(chunk.toString('utf8'));
      done();
    },
  });
  return { log: createLogger({ level: 'debug', destination }), lines };
}

describe('values from the environment in log lines', () => {
  const SECRET = 'pa ss"/+&é-7c1f';

  it('are masked wherever a caller put them, in every child, in every form', () => {
    const { log, lines } = capturedLogger();
    maskInLog(log, [SECRET]);
    const child = log.child({ mod: 'checks' });
    child.info({ url: `http://h/x?k=${encodeURIComponent(SECRET)}`, note: SECRET }, `failed with ${SECRET}`);
    child.error({ err: new Error(`refused: ${Buffer.from(`u:${SECRET}`).toString('base64')}`) }, 'oops');
    expect(lines).toHaveLength(2);
    expect(lines.join('')).toContain('***');
    expect(findSecrets(lines.join(''), [SECRET])).toEqual([]);
    // Still one JSON object a line, for log shippers.
    for (const line of lines) expect(() => JSON.parse(line)).not.toThrow();
  });

  it('stay masked after a reload names other values', () => {
    const { log, lines } = capturedLogger();
    maskInLog(log, [SECRET]);
    maskInLog(log, ['another-secret-99']);
    log.warn(`${SECRET} and another-secret-99`);
    expect(JSON.parse(lines[0]!).msg).toBe('*** and ***');
  });

  it('are left alone until the logger is told them', () => {
    const { log, lines } = capturedLogger();
    log.info('nothing secret here');
    expect(JSON.parse(lines[0]!).msg).toBe('nothing secret here');
  });
});
