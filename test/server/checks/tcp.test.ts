import { describe, expect, it } from 'vitest';
import { runCheck } from '../../../server/checks/runner';
import { tcpCheck } from '../../../server/checks/tcp';
import { checkSchema } from '../../../server/config/schema';
import { closedPort, startTcpTarget } from '../../helpers/targets';

const config = (port: number) => checkSchema.parse({ id: 't', type: 'tcp', host: '127.0.0.1', port, timeout: '1s' });

describe('the tcp check against a real listener', () => {
  it('an open port is ok', async () => {
    const target = await startTcpTarget();
    const result = await runCheck(tcpCheck, config(target.port));
    await target.close();
    expect(result.outcome).toBe('ok');
    expect(result.message).toBe(`connected to 127.0.0.1:${target.port}`);
  });

  it('a closed port is failed: connection refused', async () => {
    const result = await runCheck(tcpCheck, config(await closedPort()));
    expect(result).toEqual({ outcome: 'failed', message: 'connection refused', latencyMs: null });
  });
});
