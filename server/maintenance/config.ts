import { z } from 'zod';

/** Placeholder until maintenance windows in config exist. */
export const maintenanceSchema = z.never();
