import { gunzipSync } from 'node:zlib';

/**
 * The load generators share the machine with the server, so they decode snapshots
 * with Node's native zlib (about a quarter of the CPU of DecompressionStream in Node)
 * to leave the cores to what is measured. Browsers decode natively anyway.
 */
export const gunzipText = (bytes: Uint8Array): string => gunzipSync(bytes).toString('utf8');
