import { z } from 'zod';
import { nonEmpty } from '../config/fields';

/**
 * `GET /metrics` for Prometheus. Open unless `token` is set; then scrapers send it as
 * `Authorization: Bearer …`. Write it as `${METRICS_TOKEN}` so it stays out of the file.
 */
export const metricsSchema = z
  .strictObject({
    token: nonEmpty.min(16, 'must be at least 16 characters: anyone who knows it can read the metrics').optional(),
  })
  .prefault({});

export type MetricsConfig = z.output<typeof metricsSchema>;
