import { z } from 'zod';
import { Id } from '../records/common.schema.js';
import { ENTITY_NAMES } from '../records/entities.js';
import { ROLES } from './roles.js';

export const RoleSchema = z.enum(ROLES);
export const Username = z.string().trim().min(3, 'must be at least 3 characters').max(64).regex(/^[a-zA-Z0-9._@-]+$/, 'may contain letters, digits and . _ @ -');
export const Password = z.string().min(12, 'must be at least 12 characters').max(256);

export const CreateUserInput = z
  .object({ username: Username, displayName: z.string().trim().min(1).max(200).optional(), role: RoleSchema, password: Password })
  .strict();
export const UpdateUserInput = z
  .object({ role: RoleSchema.optional(), displayName: z.string().trim().min(1).max(200).optional(), disabled: z.boolean().optional(), mfaRequired: z.boolean().optional() })
  .strict();
export const LoginInput = z.object({ username: z.string().max(64), password: z.string().max(256), totp: z.string().regex(/^\d{6}$/, 'must be 6 digits').optional() }).strict();
export const ResetPasswordInput = z.object({ password: Password }).strict();
export const ChangePasswordInput = z.object({ currentPassword: z.string().max(256), newPassword: Password }).strict();
export const TotpConfirmInput = z.object({ code: z.string().regex(/^\d{6}$/, 'must be 6 digits') }).strict();
export const AssignClientInput = z.object({ personId: Id }).strict();

export const UserRecord = z.object({
  id: Id,
  username: z.string(),
  displayName: z.string().nullable(),
  role: RoleSchema,
  totpEnabled: z.boolean(),
  mfaRequired: z.boolean(),
  mustChangePassword: z.boolean(),
  disabled: z.boolean(),
  lockedUntil: z.string().nullable(),
  createdAt: z.string(),
  lastLoginAt: z.string().nullable(),
});
export type UserRecord = z.infer<typeof UserRecord>;

/** Opens one confidential record to one account (or, with revoke, closes it again). */
export const GrantInput = z.object({ entity: z.enum(ENTITY_NAMES), recordId: Id, userId: Id }).strict();
export const GrantQuery = z.object({ entity: z.enum(ENTITY_NAMES), recordId: Id }).strict();
