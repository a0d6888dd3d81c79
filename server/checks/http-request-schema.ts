import { z } from 'zod';

/** The most of a body read by default (1 MiB); a larger body fails the check, read no further so it cannot exhaust memory. */
export const MAX_BODY_BYTES = 1024 * 1024;

export const httpUrl = z.url({ protocol: /^https?$/, error: 'expected an http:// or https:// URL' });
const method = z.enum(['GET', 'HEAD', 'POST', 'PUT', 'PATCH', 'DELETE', 'OPTIONS']).default('GET');
const text = z.string({ error: 'expected text' });
/** Text, a number or a boolean, read as text. */
export const scalar = z.union([z.string(), z.number(), z.boolean()], { error: 'expected text, a number or true/false' }).transform(String);
const someText = text.min(1, 'must not be empty');

const SIZE = /^(\d+(?:\.\d+)?)\s*(b|kb|mb)$/i;
const UNIT = { b: 1, kb: 1024, mb: 1024 * 1024 } as const;
/** A byte count, or "512kb" / "1mb" (1kb = 1024 bytes); at most 100mb. */
export const byteSize = z
  .union([z.number().int().positive(), z.string()], { error: 'expected a size: bytes (65536) or "512kb", "1mb"' })
  .transform((value, ctx) => {
    const match = typeof value === 'string' ? SIZE.exec(value.trim()) : null;
    const bytes = typeof value === 'number' ? value : match ? Math.round(Number(match[1]) * UNIT[match[2]!.toLowerCase() as keyof typeof UNIT]) : NaN;
    if (!(bytes >= 1 && bytes <= 100 * UNIT.mb)) {
      ctx.addIssue({ code: 'custom', message: `"${value}" is not a size from 1 byte to 100mb, such as 65536, "512kb" or "1mb"` });
      return z.NEVER;
    }
    return bytes;
  });

/** A byte count as people read it: "1 MB", "1.5 MB", "512 KB", "1500 bytes" (1 KB = 1024 bytes). */
export function describeSize(bytes: number): string {
  for (const [unit, size] of [
    ['MB', UNIT.mb],
    ['KB', UNIT.kb],
  ] as const) {
    const amount = bytes / size;
    // Only a round figure: "1.46 KB" for 1500 bytes would misstate the configured limit.
    if (amount >= 1 && Number.isInteger(amount * 100)) return `${amount} ${unit}`;
  }
  return `${bytes} byte${bytes === 1 ? '' : 's'}`;
}

const authSchema = z
  .strictObject({
    basic: z.strictObject({ username: text, password: text }).optional(),
    bearer: someText.optional(),
  })
  .refine((auth) => (auth.basic === undefined) !== (auth.bearer === undefined), 'auth takes exactly one of basic or bearer');

const uploadFile = z
  .strictObject({ name: someText, content: text.optional(), path: someText.optional(), contentType: someText.optional() })
  .refine((file) => (file.content === undefined) !== (file.path === undefined), 'a file takes exactly one of content or path');

/** A file to upload in a multipart body: its content given inline, or a path on the server's disk. */
export type UploadFile = z.output<typeof uploadFile>;

/** The request fields shared by the http check and every scenario step. */
export function requestShape<Url extends z.ZodType<string, string>>(url: Url) {
  return {
    url,
    method,
    headers: z.record(z.string(), scalar).default({}),
    query: z.record(z.string(), z.union([scalar, z.array(scalar)])).default({}),
    body: text.optional(),
    json: z.json().optional(),
    form: z.record(z.string(), scalar).optional(),
    multipart: z.record(z.string(), z.union([scalar, z.strictObject({ file: uploadFile })])).optional(),
    auth: authSchema.optional(),
    followRedirects: z.boolean().default(true),
    tls: z.strictObject({ insecure: z.boolean().default(false) }).optional(),
    maxBodySize: byteSize.default(MAX_BODY_BYTES),
  };
}

// eslint-disable-next-line @typescript-eslint/no-unused-vars -- a schema kept only for the type zod derives from it
const requestObject = z.object(requestShape(z.string()));
/** One request as configured (after defaults). */
export type RequestConfig = z.output<typeof requestObject>;

/** The fields that each give a request a body; a request takes at most one of them. */
export const BODY_FIELDS = ['body', 'json', 'form', 'multipart'] as const;

/** Refinement for a config holding request fields: at most one way of sending a body. */
export function refineOneBody(config: Partial<Record<(typeof BODY_FIELDS)[number], unknown>>, ctx: z.RefinementCtx): void {
  const given = BODY_FIELDS.filter((field) => config[field] !== undefined);
  if (given.length > 1) ctx.addIssue({ code: 'custom', path: [given[1]!], message: `use only one of ${given.join(', ')}` });
}
