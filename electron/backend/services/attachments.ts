import { randomUUID } from 'node:crypto';
import path from 'node:path';
import { AppError } from '../../../shared/errors.js';
import type { BackendContext } from '../context.js';
import type { Handlers } from '../dispatch.js';
import { checkAttachment } from '../store/attachments.js';
import { getCase } from './cases/cases.js';

function decodeBase64(base64: string): Buffer {
  if (!/^[A-Za-z0-9+/]*={0,2}$/.test(base64)) throw new AppError('INVALID_INPUT', '附件内容编码无效');
  return Buffer.from(base64, 'base64');
}

export function attachmentHandlers(ctx: BackendContext): Pick<Handlers, 'attachments.upload' | 'attachments.read'> {
  return {
    async 'attachments.upload'({ name, base64 }) {
      const bytes = decodeBase64(base64);
      const type = checkAttachment(name, bytes);
      const sha256 = await ctx.store.attachments.put(bytes);
      return { id: randomUUID(), name: path.basename(name), sha256, size: bytes.length, mime: type.mime, addedAt: ctx.now().toISOString() };
    },
    async 'attachments.read'({ caseId, attachmentId }) {
      const attachment = getCase(ctx, caseId).attachments.find((a) => a.id === attachmentId);
      if (!attachment) throw new AppError('NOT_FOUND', '该信访件没有这个附件');
      const bytes = await ctx.store.attachments.read(attachment.sha256);
      return { name: attachment.name, mime: attachment.mime, base64: bytes.toString('base64') };
    },
  };
}
