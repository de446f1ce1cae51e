import { AppError } from '../../../shared/errors.js';
import type { BackendContext } from '../context.js';
import type { Handlers } from '../dispatch.js';
import { summary } from '../security/keyring.js';

/** Logging in opens the store on first use; logout and idle lock end the session. */
export interface AuthDeps {
  /** Opens the encrypted store with the keys of the first login (and migrates a plain data directory). */
  openStore(keys: { data: Buffer; identity: Buffer | null }, migrating: boolean): Promise<void>;
}

export function authHandlers(ctx: BackendContext, deps: AuthDeps): Pick<Handlers, 'auth.status' | 'auth.setupAdmin' | 'auth.login' | 'auth.logout' | 'auth.touch' | 'auth.changePassword' | 'auth.recover'> {
  const info = () => ctx.session.info(ctx.keyring.hasUsers);
  const now = () => ctx.now();

  return {
    async 'auth.status'() {
      return info();
    },

    async 'auth.setupAdmin'({ name, displayName, password, createRecoveryKey }) {
      const { user, keys, recoveryKey } = await ctx.keyring.createFirstAdmin(name, displayName, password, createRecoveryKey, now());
      ctx.session.start(summary(user), keys);
      await deps.openStore(keys, true);
      await ctx.audit('user.create', name, 'success', '首次运行：创建管理员');
      if (recoveryKey) await ctx.audit('recovery.create', '恢复密钥', 'success');
      return { session: info(), recoveryKey };
    },

    async 'auth.login'({ name, password }) {
      try {
        const { user, keys } = await ctx.keyring.login(name, password, now());
        ctx.session.start(summary(user), keys);
        await deps.openStore(keys, false);
      } catch (err) {
        const code = err instanceof AppError ? err.code : 'INTERNAL';
        await ctx.auditLog.append({ user: name, action: 'login.failed', object: name, outcome: 'failure', detail: code });
        throw err;
      }
      await ctx.audit('login', name);
      ctx.emit('auth.changed', { locked: false });
      return info();
    },

    async 'auth.logout'() {
      const user = ctx.session.user;
      if (user) await ctx.audit('logout', user.name);
      ctx.session.end();
      ctx.emit('auth.changed', { locked: false });
      return info();
    },

    async 'auth.touch'() {
      return { ok: true };
    },

    async 'auth.changePassword'({ oldPassword, newPassword }) {
      const user = ctx.session.user!;
      await ctx.keyring.changeOwnPassword(user.id, oldPassword, newPassword, now());
      await ctx.audit('password.change', user.name);
      return info();
    },

    async 'auth.recover'({ recoveryKey, name, newPassword }) {
      try {
        const { user, keys } = await ctx.keyring.recover(recoveryKey, name, newPassword, now());
        ctx.session.start(summary(user), keys);
        await deps.openStore(keys, false);
      } catch (err) {
        await ctx.auditLog.append({ user: name, action: 'recovery.use', object: name, outcome: 'failure', detail: err instanceof AppError ? err.code : 'INTERNAL' });
        throw err;
      }
      await ctx.audit('recovery.use', name, 'success', '以恢复密钥重设管理员密码');
      return info();
    },
  };
}
