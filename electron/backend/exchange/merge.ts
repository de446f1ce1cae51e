import { createHash } from 'node:crypto';
import { z } from 'zod';
import { CaseRecord } from '../../../shared/domain/case.js';
import type { ImportOutcome, Provenance } from '../../../shared/domain/exchange.js';

/**
 * Merging by stable ids. A case travels as its record without the reporter's identity (which goes, if at all, in its
 * own part) and without the office's own case number. Each office keeps, per exchanged case, the hash of the version
 * last exchanged (`base`) and of its own record right after (`localAtBase`); then for an incoming version:
 *   incoming = base            → unchanged (the sender has nothing new; a newer local version stays)
 *   local untouched since base → updated
 *   both changed               → conflict, unless both arrived at the same content (unchanged)
 * and an unknown id is new. Nothing local is ever overwritten by a conflict.
 */
export const ExchangedCase = CaseRecord.omit({ identity: true }).extend({ realName: z.boolean() });
export type ExchangedCase = z.infer<typeof ExchangedCase>;

/** What the hash covers: everything both offices share (not the local number, the sealed identity, derived status). */
function sharedContent(c: ExchangedCase | CaseRecord): Record<string, unknown> {
  const { caseNo: _no, status: _status, ...rest } = c as ExchangedCase & Partial<CaseRecord>;
  const { identity, realName, ...fields } = rest;
  return { ...fields, realName: realName ?? identity!.realName };
}

/** JSON with object keys sorted, so equal content hashes equally whatever the key order. */
export function canonicalJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  if (value && typeof value === 'object') {
    const entries = Object.entries(value as Record<string, unknown>)
      .filter(([, v]) => v !== undefined)
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonicalJson(v)}`).join(',')}}`;
  }
  return JSON.stringify(value);
}

export function contentHash(c: ExchangedCase | CaseRecord): string {
  return createHash('sha256').update(canonicalJson(sharedContent(c))).digest('hex');
}

export function toExchanged(record: CaseRecord): ExchangedCase {
  const { identity, ...rest } = record;
  return { ...rest, realName: identity.realName };
}

export function classify(local: CaseRecord | undefined, incoming: ExchangedCase, provenance: Provenance | undefined, incomingHash = contentHash(incoming)): ImportOutcome {
  if (!local) return 'new';
  const localHash = contentHash(local);
  if (localHash === incomingHash) return 'unchanged';
  if (!provenance) return 'conflict';
  if (incomingHash === provenance.base) return 'unchanged';
  if (localHash === provenance.localAtBase) return 'updated';
  return 'conflict';
}
