import { AppError } from '../../../shared/errors.js';
import { ROLE_PERMISSIONS, roleMay, type Access, type Role, type SessionInfo } from '../../../shared/domain/users.js';
import type { Keyring, Keys } from './keyring.js';

export interface SessionUser {
  id: string;
  name: string;
  displayName: string;
  role: Role;
}

/**
 * The one session of this installation (a shared office PC has one user at a time). Idle time locks it: the keys
 * are dropped from the session and the same or another user must log in again.
 */
export class Session {
  private current: { user: SessionUser; keys: Keys; lastActivity: number } | null = null;
  private lockedUserName: string | null = null;

  constructor(
    private readonly keyring: Keyring,
    private readonly now: () => Date,
  ) {}

  start(user: SessionUser, keys: Keys): void {
    this.current = { user, keys, lastActivity: this.now().getTime() };
    this.lockedUserName = null;
  }

  end(): SessionUser | null {
    const user = this.current?.user ?? null;
    this.current = null;
    this.lockedUserName = null;
    return user;
  }

  /** Locks the session when it has been idle too long; returns the user it locked, if any. */
  lockIfIdle(): SessionUser | null {
    if (!this.current) return null;
    const idleMs = this.keyring.policy.idleMinutes * 60_000;
    if (this.now().getTime() - this.current.lastActivity < idleMs) return null;
    const { user } = this.current;
    this.current = null;
    this.lockedUserName = user.name;
    return user;
  }

  get user(): SessionUser | null {
    return this.current?.user ?? null;
  }

  get keys(): Keys {
    if (!this.current) throw new AppError('NOT_LOGGED_IN', '请先登录');
    return this.current.keys;
  }

  touch(): void {
    if (this.current) this.current.lastActivity = this.now().getTime();
  }

  /** The access check of the dispatch: throws a Chinese refusal, or returns the user (null for public methods). */
  authorise(access: Access): SessionUser | null {
    if (access === 'public') return this.current?.user ?? null;
    if (!this.current) {
      throw this.lockedUserName
        ? new AppError('LOCKED', '长时间未操作，已自动锁定，请重新登录')
        : new AppError('NOT_LOGGED_IN', '请先登录');
    }
    if (access !== 'session' && !roleMay(this.current.user.role, access)) {
      throw new AppError('FORBIDDEN', `“${this.current.user.role}”角色无权进行此操作`);
    }
    this.touch();
    return this.current.user;
  }

  info(hasUsers: boolean): SessionInfo {
    const u = this.current?.user;
    return {
      hasUsers,
      user: u ? { name: u.name, displayName: u.displayName, role: u.role, permissions: [...ROLE_PERMISSIONS[u.role]] } : null,
      locked: !u && this.lockedUserName !== null,
      lockedUserName: this.lockedUserName,
      policy: this.keyring.policy,
      idleMinutes: this.keyring.policy.idleMinutes,
    };
  }
}
