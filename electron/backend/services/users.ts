import type { BackendContext } from '../context.js';
import type { Handlers } from '../dispatch.js';
import { AUDIT_ACTION_LABELS, AUDIT_ACTIONS, auditCsv } from '../security/audit-log.js';
import { summary } from '../security/keyring.js';
import { localIsoDate } from '../time.js';

/** User management, the security policy and the audit log: administrators only (checked by the dispatch). */
export function userHandlers(ctx: BackendContext): Pick<Handlers, 'users.list' | 'users.create' | 'users.update' | 'users.resetPassword' | 'security.getPolicy' | 'security.updatePolicy' | 'security.createRecoveryKey' | 'audit.query' | 'audit.export'> {
  return {
    async 'users.list'() {
      return ctx.keyring.users();
    },
    async 'users.create'(input) {
      const user = await ctx.keyring.addUser(ctx.session.keys, input, ctx.now());
      await ctx.audit('user.create', input.name, 'success', `角色：${input.role}`);
      return summary(user);
    },
    async 'users.update'({ id, password, ...change }) {
      const before = ctx.keyring.user(id);
      const detail = `角色：${before.role}→${change.role}；${change.disabled ? '停用' : '启用'}`;
      if (password) await ctx.keyring.setPassword(ctx.session.keys, id, password, ctx.now(), change.role);
      const user = await ctx.keyring.updateUser(ctx.session.keys, id, change);
      await ctx.audit(change.disabled ? 'user.disable' : 'user.update', user.name, 'success', detail);
      return summary(user);
    },
    async 'users.resetPassword'({ id, password }) {
      const user = await ctx.keyring.setPassword(ctx.session.keys, id, password, ctx.now());
      await ctx.audit('password.change', user.name, 'success', '管理员重设密码');
      return summary(user);
    },
    async 'security.getPolicy'() {
      return ctx.keyring.policy;
    },
    async 'security.updatePolicy'(policy) {
      const before = JSON.stringify(ctx.keyring.policy);
      await ctx.keyring.setPolicy(policy);
      await ctx.audit('settings.change', '密码与锁定策略', 'success', `${before} → ${JSON.stringify(policy)}`);
      return ctx.keyring.policy;
    },
    async 'security.createRecoveryKey'({ password }) {
      const user = ctx.session.user!;
      // The password is asked again: a recovery key opens everything.
      await ctx.keyring.login(user.name, password, ctx.now());
      const recoveryKey = await ctx.keyring.setRecovery(ctx.session.keys, ctx.now());
      await ctx.audit('recovery.create', '恢复密钥', 'success', '生成新的恢复密钥（旧密钥作废）');
      return { recoveryKey };
    },
    async 'audit.query'(query) {
      const action = AUDIT_ACTIONS.find((a) => a === query.action);
      const { total, entries } = ctx.auditLog.query({ ...query, action });
      return { total, entries: entries.map((e) => ({ ...e, actionLabel: AUDIT_ACTION_LABELS[e.action] })), problems: [...ctx.auditLog.problems] };
    },
    async 'audit.export'() {
      const csv = auditCsv(ctx.auditLog.all());
      await ctx.audit('export', '审计日志（CSV）');
      return { fileName: `审计日志_${localIsoDate(ctx.now())}.csv`, base64: Buffer.from(csv, 'utf8').toString('base64') };
    },
  };
}
