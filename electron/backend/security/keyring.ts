import { randomUUID } from 'node:crypto';
import path from 'node:path';
import { Low } from 'lowdb';
import { z } from 'zod';
import { AppError } from '../../../shared/errors.js';
import { checkPassword, DEFAULT_POLICY, PasswordPolicy, roleMay, ROLES, type Role, type UserSummary } from '../../../shared/domain/users.js';
import { DurableDocument } from '../store/document.js';
import { CURRENT_SCHEMA_VERSION } from '../store/migrations.js';
import type { DEFAULT_KDF } from './crypto.js';
import { deriveKey, KdfParams, newKdfParams, newKey, newRecoveryKey, normaliseRecoveryKey, unwrap, wrap, Wrapped } from './crypto.js';

/**
 * Users and their wrapped keys. The data key (all files) and the identity key (reporters' identities) are random;
 * each user holds them wrapped under a key derived from their password, so no plaintext key is stored anywhere.
 * Roles without identity.reveal do not get the identity key at all.
 */
export const KEYRING_FILE = 'keyring.json';

const StoredUser = z.object({
  id: z.string(),
  name: z.string(),
  displayName: z.string(),
  role: z.enum(ROLES),
  disabled: z.boolean(),
  kdf: KdfParams,
  dataKey: Wrapped,
  identityKey: Wrapped.nullable(),
  failedAttempts: z.number().int(),
  lockedUntil: z.string().nullable(),
  createdAt: z.string(),
  passwordChangedAt: z.string(),
});
type StoredUser = z.infer<typeof StoredUser>;

export const KeyringDoc = z.object({
  schemaVersion: z.number().int(),
  users: z.array(StoredUser),
  recovery: z.object({ kdf: KdfParams, dataKey: Wrapped, identityKey: Wrapped, createdAt: z.string() }).nullable(),
  policy: PasswordPolicy,
});
type KeyringDoc = z.infer<typeof KeyringDoc>;

export interface Keys {
  data: Buffer;
  /** Null for roles that may not open reporters' identities. */
  identity: Buffer | null;
}

export type KdfCost = Partial<typeof DEFAULT_KDF>;

export function summary(u: StoredUser): UserSummary {
  const { id, name, displayName, role, disabled, lockedUntil, createdAt, passwordChangedAt } = u;
  return { id, name, displayName, role, disabled, lockedUntil, createdAt, passwordChangedAt };
}

export class Keyring {
  private constructor(
    private readonly db: Low<KeyringDoc>,
    private readonly cost: KdfCost,
  ) {}

  static async open(dataDir: string, cost: KdfCost = {}): Promise<Keyring> {
    const db = new Low<KeyringDoc>(new DurableDocument(path.join(dataDir, KEYRING_FILE), 'keyring', KeyringDoc), {
      schemaVersion: CURRENT_SCHEMA_VERSION,
      users: [],
      recovery: null,
      policy: DEFAULT_POLICY,
    });
    await db.read();
    return new Keyring(db, cost);
  }

  get hasUsers(): boolean {
    return this.db.data.users.length > 0;
  }
  get policy(): PasswordPolicy {
    return this.db.data.policy;
  }
  users(): UserSummary[] {
    return this.db.data.users.map(summary);
  }
  user(id: string): StoredUser {
    const u = this.db.data.users.find((x) => x.id === id);
    if (!u) throw new AppError('NOT_FOUND', '未找到该用户');
    return u;
  }

  async setPolicy(policy: PasswordPolicy): Promise<void> {
    this.db.data.policy = policy;
    await this.db.write();
  }

  private requireStrong(password: string) {
    const problem = checkPassword(password, this.policy);
    if (problem) throw new AppError('INVALID_INPUT', problem);
  }

  private async wrapFor(role: Role, password: string, keys: Keys) {
    const kdf = newKdfParams(this.cost);
    const kek = await deriveKey(password, kdf);
    if (roleMay(role, 'identity.reveal') && !keys.identity) throw new AppError('FORBIDDEN', '当前用户无权为该角色授予检举控告人信息访问权限');
    return { kdf, dataKey: wrap(keys.data, kek), identityKey: roleMay(role, 'identity.reveal') && keys.identity ? wrap(keys.identity, kek) : null };
  }

  /** First run: new random keys, the administrator, and optionally the recovery key (returned once, never stored). */
  async createFirstAdmin(name: string, displayName: string, password: string, withRecovery: boolean, now: Date) {
    if (this.hasUsers) throw new AppError('ALREADY_SET_UP', '管理员已存在，请直接登录');
    this.requireStrong(password);
    const keys: Keys = { data: newKey(), identity: newKey() };
    const user = await this.buildUser(name, displayName, '管理员', password, keys, now);
    this.db.data.users.push(user);
    const recoveryKey = withRecovery ? await this.setRecovery(keys, now, false) : null;
    await this.db.write();
    return { user, keys, recoveryKey };
  }

  private async buildUser(name: string, displayName: string, role: Role, password: string, keys: Keys, now: Date): Promise<StoredUser> {
    if (this.db.data.users.some((u) => u.name.toLowerCase() === name.toLowerCase())) throw new AppError('CONFLICT', `登录名“${name}”已被使用`);
    const at = now.toISOString();
    return { id: randomUUID(), name, displayName, role, disabled: false, ...(await this.wrapFor(role, password, keys)), failedAttempts: 0, lockedUntil: null, createdAt: at, passwordChangedAt: at };
  }

  async addUser(keys: Keys, input: { name: string; displayName: string; role: Role; password: string }, now: Date): Promise<StoredUser> {
    this.requireStrong(input.password);
    const user = await this.buildUser(input.name, input.displayName, input.role, input.password, keys, now);
    this.db.data.users.push(user);
    await this.db.write();
    return user;
  }

  /** A role change needs the password to re-wrap keys only when identity access is granted or removed. */
  async updateUser(keys: Keys, id: string, change: { displayName: string; role: Role; disabled: boolean }): Promise<StoredUser> {
    const user = this.user(id);
    const admins = this.db.data.users.filter((u) => u.role === '管理员' && !u.disabled && u.id !== id);
    if (admins.length === 0 && (change.role !== '管理员' || change.disabled)) throw new AppError('CONFLICT', '至少须保留一个可用的管理员');
    const needsIdentity = roleMay(change.role, 'identity.reveal');
    if (needsIdentity && !user.identityKey) {
      throw new AppError('INVALID_INPUT', '授予查看检举控告人身份的角色时须同时重设该用户密码（在“重设密码”中设置新密码并选择角色）');
    }
    Object.assign(user, change, needsIdentity ? {} : { identityKey: null });
    await this.db.write();
    return user;
  }

  async setPassword(keys: Keys, id: string, password: string, now: Date, role?: Role): Promise<StoredUser> {
    const user = this.user(id);
    this.requireStrong(password);
    Object.assign(user, await this.wrapFor(role ?? user.role, password, keys), { role: role ?? user.role, passwordChangedAt: now.toISOString(), failedAttempts: 0, lockedUntil: null });
    await this.db.write();
    return user;
  }

  /** Checks a password: a wrong one fails to unwrap the data key. Counts failures and locks the account. */
  async login(name: string, password: string, now: Date): Promise<{ user: StoredUser; keys: Keys }> {
    const user = this.db.data.users.find((u) => u.name.toLowerCase() === name.trim().toLowerCase());
    if (!user || user.disabled) throw new AppError('BAD_CREDENTIALS', '登录名或密码不正确');
    if (user.lockedUntil && user.lockedUntil > now.toISOString()) {
      const minutes = Math.ceil((Date.parse(user.lockedUntil) - now.getTime()) / 60_000);
      throw new AppError('ACCOUNT_LOCKED', `连续输错密码次数过多，账户已锁定，请 ${minutes} 分钟后再试`);
    }
    const kek = await deriveKey(password, user.kdf);
    let keys: Keys;
    try {
      keys = { data: unwrap(user.dataKey, kek), identity: user.identityKey ? unwrap(user.identityKey, kek) : null };
    } catch {
      user.failedAttempts += 1;
      const locked = user.failedAttempts >= this.policy.maxFailures;
      if (locked) {
        user.lockedUntil = new Date(now.getTime() + this.policy.lockoutMinutes * 60_000).toISOString();
        user.failedAttempts = 0;
      }
      await this.db.write();
      throw locked
        ? new AppError('ACCOUNT_LOCKED', `连续输错密码 ${this.policy.maxFailures} 次，账户已锁定 ${this.policy.lockoutMinutes} 分钟`)
        : new AppError('BAD_CREDENTIALS', `登录名或密码不正确（再错 ${this.policy.maxFailures - user.failedAttempts} 次将锁定账户）`);
    }
    if (user.failedAttempts || user.lockedUntil) {
      user.failedAttempts = 0;
      user.lockedUntil = null;
      await this.db.write();
    }
    return { user, keys };
  }

  async changeOwnPassword(id: string, oldPassword: string, newPassword: string, now: Date): Promise<void> {
    const user = this.user(id);
    const { keys } = await this.login(user.name, oldPassword, now);
    await this.setPassword(keys, id, newPassword, now);
  }

  async setRecovery(keys: Keys, now: Date, save = true): Promise<string> {
    if (!keys.identity) throw new AppError('FORBIDDEN', '当前用户无权生成恢复密钥');
    const recoveryKey = newRecoveryKey();
    const kdf = newKdfParams(this.cost);
    const kek = await deriveKey(recoveryKey, kdf);
    this.db.data.recovery = { kdf, dataKey: wrap(keys.data, kek), identityKey: wrap(keys.identity, kek), createdAt: now.toISOString() };
    if (save) await this.db.write();
    return recoveryKey;
  }

  /** The printed recovery key opens the keys and sets a new password for an administrator. */
  async recover(recoveryKey: string, name: string, newPassword: string, now: Date): Promise<{ user: StoredUser; keys: Keys }> {
    const recovery = this.db.data.recovery;
    if (!recovery) throw new AppError('NOT_FOUND', '本机未设置恢复密钥');
    let keys: Keys;
    try {
      const kek = await deriveKey(normaliseRecoveryKey(recoveryKey), recovery.kdf);
      keys = { data: unwrap(recovery.dataKey, kek), identity: unwrap(recovery.identityKey, kek) };
    } catch {
      throw new AppError('BAD_CREDENTIALS', '恢复密钥不正确');
    }
    const user = this.db.data.users.find((u) => u.name.toLowerCase() === name.trim().toLowerCase() && u.role === '管理员');
    if (!user) throw new AppError('NOT_FOUND', '恢复密钥只能用于重设管理员的密码，请填写管理员登录名');
    await this.setPassword(keys, user.id, newPassword, now);
    user.disabled = false;
    await this.db.write();
    return { user, keys };
  }
}
