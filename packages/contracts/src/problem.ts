import { z } from 'zod';

/** RFC 9457 problem details, as every error answers. */
export const problemSchema = z.object({
  type: z.string(),
  title: z.string(),
  status: z.number().int(),
  detail: z.string(),
  instance: z.string().optional(),
  code: z.string(),
  requestId: z.string().optional(),
  /** The failing fields, at most `MAX_LISTED_ERRORS` of them. */
  errors: z
    .array(z.object({ location: z.enum(['path', 'query', 'body', 'header']), field: z.string(), message: z.string() }))
    .optional(),
  /** How many more fields failed than `errors` lists; absent when it lists them all. */
  moreErrors: z.number().int().positive().optional(),
});

/** A problem lists at most this many failing fields, so an answer stays small whatever was sent. */
export const MAX_LISTED_ERRORS = 50;
export type Problem = z.infer<typeof problemSchema>;
