// /v1/users: users of the organisation (admin).
import { createRoute, z } from '@hono/zod-openapi';
import { requireRole } from '../auth/guard.js';
import { MIN_PASSWORD_LENGTH, hashPassword } from '../auth/passwords.js';
import { ROLES, createUser, toUserDto } from '../auth/users.js';
import { createRouter } from '../http/router.js';
import { problemResponses } from '../http/schemas.js';
import { writeTx } from '../http/write-tx.js';

export const UserSchema = z
  .object({
    id: z.string(),
    email: z.string(),
    name: z.string(),
    role: z.enum(ROLES as ['admin', 'consent_manager', 'editor']),
    createdAt: z.string(),
    version: z.number().int(),
  })
  .openapi('User');

const CreateUserSchema = z
  .strictObject({
    email: z.email().max(320),
    name: z.string().trim().min(1).max(200),
    role: z.enum(ROLES as ['admin', 'consent_manager', 'editor']),
    password: z.string().min(MIN_PASSWORD_LENGTH).max(1000),
  })
  .openapi('CreateUser');

const createUserRoute = createRoute({
  method: 'post',
  path: '/users',
  tags: ['users'],
  summary: 'Create a user',
  middleware: [requireRole('admin')] as const,
  request: {
    body: { content: { 'application/json': { schema: CreateUserSchema } }, required: true },
  },
  responses: {
    201: {
      description: 'Created',
      content: {
        'application/json': {
          schema: UserSchema,
        },
      },
    },
    ...problemResponses(401, 403, 409, 422),
  },
});

export const userRoutes = createRouter().openapi(createUserRoute, async (c) => {
  const { password, ...user } = c.req.valid('json');
  const passwordHash = await hashPassword(password);
  const created = await writeTx(c, async (w) =>
    toUserDto(await createUser(w, { ...user, passwordHash })),
  );
  return c.json(created, 201);
});
