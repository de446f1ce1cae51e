import { z } from 'zod';

/** Users and roles on one machine; permissions are checked in the backend dispatch for every method. */
export const ROLES = ['管理员', '信访登记员', '承办人', '审批领导', '查阅'] as const;
export type Role = (typeof ROLES)[number];

export const PERMISSIONS = {
  'case.read': '查阅信访件',
  'case.write': '登记、修改信访件',
  'identity.reveal': '查看检举控告人身份',
  export: '导出',
  'settings.write': '修改本机关设置',
  'users.manage': '管理用户与安全策略',
  'audit.read': '查阅、导出审计日志',
} as const;
export type Permission = keyof typeof PERMISSIONS;

/** Who may do what. Only roles that handle the reporter need the identity (检举控告工作规则 第四十七条). */
export const ROLE_PERMISSIONS: Record<Role, readonly Permission[]> = {
  管理员: ['case.read', 'case.write', 'identity.reveal', 'export', 'settings.write', 'users.manage', 'audit.read'],
  信访登记员: ['case.read', 'case.write', 'identity.reveal', 'export'],
  承办人: ['case.read', 'case.write', 'identity.reveal', 'export'],
  审批领导: ['case.read', 'export'],
  查阅: ['case.read'],
};

export function roleMay(role: Role, permission: Permission): boolean {
  return ROLE_PERMISSIONS[role].includes(permission);
}

/** Access of a contract method: anyone (login screen), any logged-in user, or one permission. */
export type Access = 'public' | 'session' | Permission;

export const PasswordPolicy = z.object({
  minLength: z.number().int().min(6).max(64).default(8),
  /** How many of the four classes (upper case, lower case, digits, symbols) a password must mix. */
  minClasses: z.number().int().min(1).max(4).default(3),
  maxFailures: z.number().int().min(3).max(20).default(5),
  lockoutMinutes: z.number().int().min(1).max(1440).default(10),
  idleMinutes: z.number().int().min(1).max(120).default(10),
});
export type PasswordPolicy = z.infer<typeof PasswordPolicy>;
export const DEFAULT_POLICY: PasswordPolicy = PasswordPolicy.parse({});

export function checkPassword(password: string, policy: PasswordPolicy): string | null {
  if ([...password].length < policy.minLength) return `密码至少需要 ${policy.minLength} 个字符`;
  const classes = [/[A-Z]/, /[a-z]/, /\d/, /[^A-Za-z0-9]/].filter((re) => re.test(password)).length;
  if (classes < policy.minClasses) return `密码须包含大写字母、小写字母、数字、符号中的至少 ${policy.minClasses} 类`;
  return null;
}

export const LoginName = z.string().trim().regex(/^[A-Za-z0-9_.-]{2,32}$/, '登录名为 2–32 位字母、数字、下划线、点或横线');
export const DisplayName = z.string().trim().min(1, '请填写姓名').max(20, '姓名不能超过 20 个字');
export const Password = z.string().min(1, '请输入密码').max(128, '密码不能超过 128 个字符');

export const UserSummary = z.object({
  id: z.string(),
  name: z.string(),
  displayName: z.string(),
  role: z.enum(ROLES),
  disabled: z.boolean(),
  lockedUntil: z.string().nullable(),
  createdAt: z.string(),
  passwordChangedAt: z.string(),
});
export type UserSummary = z.infer<typeof UserSummary>;

export const SessionInfo = z.object({
  hasUsers: z.boolean(),
  user: z.object({ name: z.string(), displayName: z.string(), role: z.enum(ROLES), permissions: z.array(z.string()) }).nullable(),
  /** Locked after idle time: the same or another user must log in again. */
  locked: z.boolean(),
  lockedUserName: z.string().nullable(),
  policy: PasswordPolicy,
  idleMinutes: z.number(),
});
export type SessionInfo = z.infer<typeof SessionInfo>;
