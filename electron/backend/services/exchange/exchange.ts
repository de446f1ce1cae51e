import type { BackendContext } from '../../context.js';
import type { Handlers } from '../../dispatch.js';
import { fingerprintOf } from '../../exchange/envelope.js';
import { backupDue, createBackup, restoreBackup } from './backup.js';
import { listConflicts, resolveConflict } from './conflicts.js';
import { ensureIdentity, ownKeyFile, ownRef, parseKeyFile, trustedSender, trustKeyFile, untrust } from './offices.js';
import { decodeBundle } from './common.js';
import { exportCases } from './export.js';
import { importBundle, previewImport } from './import.js';

type ExchangeMethods =
  | 'exchange.status'
  | 'exchange.keyFile'
  | 'exchange.inspectKey'
  | 'exchange.trust'
  | 'exchange.untrust'
  | 'exchange.export'
  | 'exchange.preview'
  | 'exchange.import'
  | 'exchange.conflicts'
  | 'exchange.resolve'
  | 'exchange.backup'
  | 'exchange.restore'
  | 'exchange.setBackupReminder';

/** 交换: USB bundles between offices, receipts, and the office's backup. */
export function exchangeHandlers(ctx: BackendContext): Pick<Handlers, ExchangeMethods> {
  const status = async () => {
    const identity = await ensureIdentity(ctx);
    const state = ctx.store.exchange();
    return {
      office: ownRef(ctx, identity),
      trusted: state.trusted,
      sent: [...state.sent].reverse(),
      conflicts: state.conflicts.length,
      backup: { ...state.backup, due: backupDue(ctx) },
    };
  };
  return {
    'exchange.status': status,
    async 'exchange.keyFile'() {
      return ownKeyFile(ctx, await ensureIdentity(ctx));
    },
    async 'exchange.inspectKey'({ text }) {
      const file = parseKeyFile(text);
      return { officeId: file.officeId, name: file.name, fingerprint: fingerprintOf(file), trusted: trustedSender(ctx.store.exchange(), file.officeId) !== undefined };
    },
    'exchange.trust': ({ text, fingerprint }) => trustKeyFile(ctx, text, fingerprint),
    async 'exchange.untrust'({ officeId }) {
      await untrust(ctx, officeId);
      return { ok: true };
    },
    'exchange.export': (input) => exportCases(ctx, input),
    'exchange.preview': ({ base64, passphrase }) => previewImport(ctx, decodeBundle(base64), passphrase),
    'exchange.import': ({ base64, passphrase }) => importBundle(ctx, decodeBundle(base64), passphrase),
    async 'exchange.conflicts'() {
      return listConflicts(ctx);
    },
    async 'exchange.resolve'({ caseId, keep }) {
      await resolveConflict(ctx, caseId, keep);
      return { remaining: ctx.store.exchange().conflicts.length };
    },
    'exchange.backup': ({ passphrase }) => createBackup(ctx, passphrase),
    'exchange.restore': ({ base64, passphrase }) => restoreBackup(ctx, decodeBundle(base64), passphrase),
    async 'exchange.setBackupReminder'({ remindDays }) {
      await ctx.store.updateExchange((s) => ({ ...s, backup: { ...s.backup, remindDays } }));
      return status();
    },
  };
}
