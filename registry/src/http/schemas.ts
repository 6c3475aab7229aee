// Schemas shared by every route: the problem body and the error responses routes declare.
import { z } from '@hono/zod-openapi';
import { PROBLEM_CONTENT_TYPE } from './problem.js';

export const ProblemSchema = z
  .object({
    type: z.string(),
    title: z.string(),
    status: z.number().int(),
    detail: z.string(),
    code: z.string().openapi({ example: 'validation_failed' }),
    errors: z.array(z.object({ field: z.string(), message: z.string() })).optional(),
  })
  .openapi('Problem');

const DESCRIPTIONS = {
  400: 'Bad parameter or unreadable body',
  401: 'No valid credential',
  403: 'Not allowed for this caller',
  404: 'Not found',
  409: 'Conflicts with existing data',
  412: 'If-Match does not name the current version',
  422: 'The body breaks the schema',
  428: 'If-Match is required',
  429: 'Too many attempts; see Retry-After',
} as const;

type ErrorStatus = keyof typeof DESCRIPTIONS;

type ProblemResponse = {
  description: string;
  content: { [PROBLEM_CONTENT_TYPE]: { schema: typeof ProblemSchema } };
};

/** The `responses` entries of the given error statuses, all problem bodies. */
export function problemResponses<S extends ErrorStatus>(
  ...statuses: S[]
): Record<S, ProblemResponse> {
  const responses = {} as Record<S, ProblemResponse>;
  for (const status of statuses) {
    responses[status] = {
      description: DESCRIPTIONS[status],
      content: { [PROBLEM_CONTENT_TYPE]: { schema: ProblemSchema } },
    };
  }
  return responses;
}

/** Path parameter `id`. */
export const IdParams = z.object({
  id: z
    .string()
    .min(1)
    .max(64)
    .openapi({ param: { name: 'id', in: 'path' }, example: 'key_0123456789abcdefghjk' }),
});
