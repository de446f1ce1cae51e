import { ReporterInput, type CaseRecord, type ReporterPerson, type MaskedReporter, type SealedIdentity } from '../../../shared/domain/case.js';
import { maskAddress, maskIdNumber, maskName, maskPhone } from '../../../shared/domain/mask.js';
import { AppError } from '../../../shared/errors.js';
import { decrypt, encrypt } from './crypto.js';

/** The reporter's identity is sealed with the identity key, bound to its case (the case id is authenticated data). */
export function maskReporter(reporter: ReporterInput): MaskedReporter {
  return {
    realName: reporter.realName,
    persons: reporter.persons.map((p) => ({
      name: maskName(p.name),
      phone: p.phone ? maskPhone(p.phone) : '',
      idNumber: p.idNumber ? maskIdNumber(p.idNumber) : '',
      address: p.address ? maskAddress(p.address) : '',
    })),
  };
}

export function sealIdentity(identityKey: Buffer | null, caseId: string, reporter: ReporterInput): SealedIdentity {
  if (!identityKey) throw new AppError('FORBIDDEN', '当前用户无权录入或修改检举控告人身份信息');
  return {
    ...maskReporter(reporter),
    sealed: encrypt(Buffer.from(JSON.stringify(reporter), 'utf8'), identityKey, caseId).toString('base64'),
  };
}

/** The masked view of any stored identity, sealed or (legacy) plain. */
export function maskedOf(identity: CaseRecord['identity']): MaskedReporter {
  return isSealed(identity) ? { realName: identity.realName, persons: identity.persons } : maskReporter(identity);
}

export function isSealed(identity: CaseRecord['identity']): identity is SealedIdentity {
  return 'sealed' in identity;
}

export function openIdentity(identityKey: Buffer | null, record: CaseRecord): ReporterInput {
  const { identity } = record;
  if (!isSealed(identity)) return identity;
  if (!identityKey) throw new AppError('FORBIDDEN', '当前用户无权查看检举控告人身份信息');
  try {
    return ReporterInput.parse(JSON.parse(decrypt(Buffer.from(identity.sealed, 'base64'), identityKey, record.id).toString('utf8')));
  } catch {
    throw new AppError('INTERNAL', '检举控告人信息无法解密（数据可能已被篡改）', `identity of case ${record.id} failed to open`);
  }
}

/** Whether a text repeats a reporter's name, phone or ID number (records and documents that must not name them). */
export function mentionsReporter(text: string, persons: readonly ReporterPerson[]): boolean {
  return persons.some((p) => [p.name, p.phone, p.idNumber].some((v) => !!v && v.length >= 2 && text.includes(v)));
}
