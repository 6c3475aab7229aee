// Persons as the API shows and accepts them; the date and instant schemas every resource here shares.
import { z } from '@hono/zod-openapi';
import { isCalendarDate, isInstant } from '../util/calendar.js';

/** `YYYY-MM-DD`, a real day: what `evaluate` accepts as a calendar date. */
export const CalendarDateSchema = z
  .string()
  .refine(isCalendarDate, 'a calendar date YYYY-MM-DD')
  .openapi({ format: 'date', example: '2026-01-01' });

/** RFC 3339 date-time with Z or an offset: what `evaluate` accepts as an instant. */
export const InstantSchema = z
  .string()
  .refine(isInstant, 'an RFC 3339 date-time with Z or an offset')
  .openapi({ format: 'date-time', example: '2026-09-01T10:00:00Z' });

const NameSchema = z.string().trim().min(1).max(200);
const EmailSchema = z.email().max(320);
const PhoneSchema = z
  .string()
  .trim()
  .regex(/^\+?[0-9][0-9 ()-]{1,30}[0-9]$/, 'a phone number: digits, spaces, ( ) - and a leading +');

const personFields = {
  name: NameSchema,
  email: EmailSchema.nullable(),
  phone: PhoneSchema.nullable(),
  birthDate: CalendarDateSchema.nullable(),
  deceasedOn: CalendarDateSchema.nullable(),
  guardians: z
    .number()
    .int()
    .min(0)
    .max(4)
    .nullable()
    .openapi({ description: 'Guardian signatures needed; null: the policy’s number' }),
  protectedIdentity: z.boolean(),
  objectedAt: InstantSchema.nullable().openapi({ description: 'Art. 21 objection' }),
};

/** A death before the birth is a typo, not a fact. */
function datesInOrder(
  person: { birthDate?: string | null | undefined; deceasedOn?: string | null | undefined },
  ctx: z.RefinementCtx,
) {
  const { birthDate, deceasedOn } = person;
  if (birthDate != null && deceasedOn != null && deceasedOn < birthDate)
    ctx.addIssue({ code: 'custom', path: ['deceasedOn'], message: 'is before birthDate' });
}

export const CreatePersonSchema = z
  .strictObject({
    name: personFields.name,
    email: personFields.email.optional(),
    phone: personFields.phone.optional(),
    birthDate: personFields.birthDate.optional(),
    deceasedOn: personFields.deceasedOn.optional(),
    guardians: personFields.guardians.optional(),
    protectedIdentity: personFields.protectedIdentity.optional(),
    objectedAt: personFields.objectedAt.optional(),
  })
  .superRefine(datesInOrder)
  .openapi('NewPerson');

export const PatchPersonSchema = z
  .strictObject({
    name: personFields.name.optional(),
    email: personFields.email.optional(),
    phone: personFields.phone.optional(),
    birthDate: personFields.birthDate.optional(),
    deceasedOn: personFields.deceasedOn.optional(),
    guardians: personFields.guardians.optional(),
    protectedIdentity: personFields.protectedIdentity.optional(),
    objectedAt: personFields.objectedAt.optional(),
  })
  .superRefine(datesInOrder)
  .openapi('PersonPatch', { description: 'The fields to change; the rest stay' });

export const PersonSchema = z
  .object({
    id: z.string(),
    name: z.string().openapi({ description: '"" once erased' }),
    email: z.string().nullable(),
    phone: z.string().nullable(),
    birthDate: z.string().nullable(),
    deceasedOn: z.string().nullable(),
    guardians: z.number().int().nullable(),
    protectedIdentity: z.boolean(),
    objectedAt: z.string().nullable(),
    erasedAt: z.string().nullable().openapi({ description: 'Set when anonymised (Art. 17)' }),
    createdAt: z.string(),
    updatedAt: z.string(),
    version: z.number().int(),
  })
  .openapi('Person');

export const PersonListQuery = z.object({
  q: z
    .string()
    .trim()
    .max(200)
    .optional()
    .openapi({ description: 'Part of the name, e-mail or phone, any case' }),
  erased: z
    .enum(['true', 'false'])
    .optional()
    .openapi({ description: 'Only erased (true) or only not erased (false) persons' }),
  limit: z.coerce.number().int().min(1).max(200).default(50),
  cursor: z
    .string()
    .regex(/^\d{1,9}$/, 'a cursor from a previous page')
    .optional(),
});

export const PersonListSchema = z
  .object({ persons: z.array(PersonSchema), nextCursor: z.string().nullable() })
  .openapi('PersonList');

export type NewPerson = z.infer<typeof CreatePersonSchema>;
export type PersonPatch = z.infer<typeof PatchPersonSchema>;
export type PersonDto = z.infer<typeof PersonSchema>;
