import { randomUUID } from 'node:crypto';
import { OfficeKeyFile, type ExchangeState, type OfficeRef, type TrustedOffice } from '../../../../shared/domain/exchange.js';
import { AppError } from '../../../../shared/errors.js';
import type { BackendContext } from '../../context.js';
import { checkKeyFile, fingerprintOf, keyFileOf, newOfficeIdentity, type OfficeIdentity } from '../../exchange/envelope.js';

/** This office's key pairs (made on first use after setup) and the registry of offices it trusts. */

export function officeName(ctx: BackendContext): string {
  const office = ctx.store.settings().office;
  if (!office) throw new AppError('NOT_SET_UP', '请先完成初始设置（本机关信息）');
  return office.fullName;
}

export async function ensureIdentity(ctx: BackendContext): Promise<OfficeIdentity> {
  officeName(ctx);
  const current = ctx.store.exchange().identity;
  if (current) return current;
  const identity = newOfficeIdentity(randomUUID(), ctx.now().toISOString());
  await ctx.store.updateExchange((s) => ({ ...s, identity }));
  ctx.log.info('exchange: office key pairs created', { officeId: identity.officeId });
  return identity;
}

export function ownRef(ctx: BackendContext, identity: OfficeIdentity): OfficeRef {
  return { officeId: identity.officeId, name: officeName(ctx), fingerprint: fingerprintOf({ signingKey: identity.signing.publicKey, agreementKey: identity.agreement.publicKey }) };
}

export function ownKeyFile(ctx: BackendContext, identity: OfficeIdentity): { fileName: string; text: string; fingerprint: string } {
  const file = keyFileOf(identity, officeName(ctx));
  return { fileName: `${ctx.store.settings().office!.shortName}-机关密钥.xfkey`, text: `${JSON.stringify(file, null, 2)}\n`, fingerprint: fingerprintOf(file) };
}

export function parseKeyFile(text: string): OfficeKeyFile {
  let parsed: OfficeKeyFile;
  try {
    parsed = OfficeKeyFile.parse(JSON.parse(text));
  } catch (err) {
    throw new AppError('INVALID_INPUT', '所选文件不是机关密钥文件（.xfkey）或内容已损坏', (err as Error).message.slice(0, 200));
  }
  checkKeyFile(parsed);
  return parsed;
}

export function trustedSender(state: ExchangeState, officeId: string): TrustedOffice | undefined {
  return state.trusted.find((t) => t.officeId === officeId);
}

/** Trusts a key file once its fingerprint has been compared by phone; a changed key for a known office is refused. */
export async function trustKeyFile(ctx: BackendContext, text: string, fingerprint: string): Promise<TrustedOffice> {
  const identity = await ensureIdentity(ctx);
  const file = parseKeyFile(text);
  const actual = fingerprintOf(file);
  const object = `${file.name}（${file.officeId}）`;
  const refuse = async (error: AppError) => {
    await ctx.audit('settings.change', object, 'denied', error.message);
    throw error;
  };
  if (file.officeId === identity.officeId) return refuse(new AppError('INVALID_INPUT', '这是本机关自己的密钥文件，无需登记'));
  if (fingerprint.replace(/\s/g, '').toUpperCase() !== actual.replace(/\s/g, '')) return refuse(new AppError('INVALID_INPUT', '指纹不符：请与对方电话核对后再确认，密钥未登记'));
  const known = trustedSender(ctx.store.exchange(), file.officeId);
  if (known && (known.signingKey !== file.signingKey || known.agreementKey !== file.agreementKey)) {
    return refuse(new AppError('CONFLICT', `“${known.name}”已登记了另一把密钥。对方更换密钥时，请先移除旧的登记并电话核对新指纹`));
  }
  if (known) return known;
  const { format: _format, ...keys } = file;
  const trusted: TrustedOffice = { ...keys, fingerprint: actual, trustedAt: ctx.now().toISOString(), trustedBy: ctx.actor() };
  await ctx.store.updateExchange((s) => ({ ...s, trusted: [...s.trusted, trusted] }));
  await ctx.audit('settings.change', object, 'success', `登记可信机关密钥，指纹 ${actual}`);
  return trusted;
}

export async function untrust(ctx: BackendContext, officeId: string): Promise<void> {
  const known = trustedSender(ctx.store.exchange(), officeId);
  if (!known) throw new AppError('NOT_FOUND', '未找到该可信机关');
  await ctx.store.updateExchange((s) => ({ ...s, trusted: s.trusted.filter((t) => t.officeId !== officeId) }));
  await ctx.audit('settings.change', `${known.name}（${officeId}）`, 'success', '移除可信机关密钥');
}
