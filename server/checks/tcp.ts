import { connect } from 'node:net';
import { z } from 'zod';
import { nonEmpty, port } from '../config/fields';
import { describeNetworkError } from './net-errors';
import { defineCheckType, type Observation } from './types';

const configSchema = z.strictObject({
  type: z.literal('tcp'),
  host: nonEmpty,
  port,
});

export const tcpCheck = defineCheckType({
  type: 'tcp',
  configSchema,
  describe: (config) => `TCP ${config.host}:${config.port}`,
  run(config, signal): Promise<Observation> {
    const started = performance.now();
    return new Promise((resolve) => {
      const socket = connect({ host: config.host, port: config.port });
      const finish = (observation: Observation) => {
        signal.removeEventListener('abort', onAbort);
        socket.destroy();
        resolve(observation);
      };
      const onAbort = () => finish({ outcome: 'failed', message: 'aborted before the connection was made', latencyMs: null });
      signal.addEventListener('abort', onAbort, { once: true });
      if (signal.aborted) return onAbort();
      socket.once('connect', () => finish({ outcome: 'ok', message: `connected to ${config.host}:${config.port}`, latencyMs: performance.now() - started }));
      socket.once('error', (error) => finish({ outcome: 'failed', message: describeNetworkError(error), latencyMs: null }));
    });
  },
});
