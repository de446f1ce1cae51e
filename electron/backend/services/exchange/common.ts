import { AppError } from '../../../../shared/errors.js';
import type { CaseRecord } from '../../../../shared/domain/case.js';
import type { BackendContext } from '../../context.js';
import type { OfficeIdentity } from '../../exchange/envelope.js';
import { officeName } from './offices.js';

/** What sending, importing and backing up share: numbering, progress, files, refusals in the audit log, file names. */

/** Bundles, receipts and backups of an office share one sequence of numbers. */
export const SEQ_COUNTER = 'exchange:seq';

export function progress(ctx: BackendContext, operation: 'export' | 'import' | 'backup' | 'restore', phase: string, done: number, total: number) {
  ctx.emit('exchange.progress', { operation, phase, done, total });
}

/** Every file a set of cases refers to (attachments and issued documents), read and checked. */
export async function filesOf(ctx: BackendContext, records: CaseRecord[], operation: 'export' | 'backup'): Promise<Map<string, Buffer>> {
  const hashes = new Set(records.flatMap((r) => [...r.attachments.map((a) => a.sha256), ...r.documents.map((d) => d.sha256)]));
  const entries = new Map<string, Buffer>();
  const queue = [...hashes];
  const worker = async () => {
    for (let hash = queue.pop(); hash; hash = queue.pop()) {
      entries.set(`attachments/${hash}`, await ctx.store.attachments.read(hash));
      if (entries.size % 200 === 0) progress(ctx, operation, '读取附件', entries.size, hashes.size);
    }
  };
  await Promise.all(Array.from({ length: 8 }, worker));
  // A stable order, so the same cases make the same bundle content.
  return new Map([...entries].sort(([a], [b]) => (a < b ? -1 : 1)));
}

/** Stores incoming files, several at a time (each is written durably, so the waiting is on the disk). */
export async function putFiles(ctx: BackendContext, files: Map<string, Buffer>): Promise<void> {
  const queue = [...files];
  const worker = async () => {
    for (let next = queue.pop(); next; next = queue.pop()) {
      const [hash, bytes] = next;
      if (!(await ctx.store.attachments.has(hash)) && (await ctx.store.attachments.put(bytes)) !== hash) throw new AppError('INTERNAL', '附件保存失败', `attachment ${hash} stored under another hash`);
    }
  };
  await Promise.all(Array.from({ length: 8 }, worker));
}

/** Runs an exchange operation; a refusal is written to the audit log like every other refused request. */
export async function audited<T>(ctx: BackendContext, action: 'import' | 'export', object: string, run: () => Promise<T>): Promise<T> {
  try {
    return await run();
  } catch (err) {
    if (err instanceof AppError) await ctx.audit(action, object, err.code === 'FORBIDDEN' ? 'denied' : 'failure', err.message);
    throw err;
  }
}

/** A file name for the USB stick: office names without their inner spaces. */
export function bundleFileName(...parts: string[]): string {
  return `${parts.map((p) => p.replace(/\s+/g, '')).join('-')}.xfb`;
}

export function decodeBundle(base64: string): Buffer {
  if (!/^[A-Za-z0-9+/]*={0,2}$/.test(base64)) throw new AppError('INVALID_INPUT', '文件内容编码无效');
  return Buffer.from(base64, 'base64');
}

export function senderOf(ctx: BackendContext, identity: OfficeIdentity) {
  return { officeId: identity.officeId, name: officeName(ctx), signingKey: identity.signing.publicKey, agreementKey: identity.agreement.publicKey };
}

/** Gives the event loop a turn (file writes progress, the UI's other requests are answered) during long work. */
export const breathe = () => new Promise<void>((resolve) => setImmediate(resolve));

