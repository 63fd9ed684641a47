import { z } from 'zod';

/** POST /api/auth/login */
export const LoginSchema = z.object({
  /** Account name. */
  username: z.string().min(1).max(64),
  /** Password. */
  password: z.string().min(1).max(128),
  /** 6-digit TOTP code, required once the user has enrolled. */
  totp: z.string().regex(/^\d{6}$/).optional(),
});
export type LoginInput = z.infer<typeof LoginSchema>;

/** POST /api/auth/totp/enroll */
export const TotpEnrollSchema = z.object({ code: z.string().regex(/^\d{6}$/, '请输入6位数字') });

/** POST /api/auth/password */
export const ChangePasswordSchema = z.object({
  currentPassword: z.string().min(1).max(128),
  newPassword: z.string().min(1).max(128),
});

/** What /api/auth/me and a successful login answer. */
export const MeSchema = z.object({
  id: z.string(),
  username: z.string(),
  displayName: z.string(),
  role: z.string(),
  scopeCode: z.string(),
  scopeName: z.string(),
  /**
   * 'password' while an administrator-set password must be changed, then 'enrol' until a required second factor
   * is set up, then 'full'.
   */
  stage: z.enum(['enrol', 'password', 'full']),
  totpEnrolled: z.boolean(),
  permissions: z.array(z.string()),
});
export type Me = z.infer<typeof MeSchema>;
