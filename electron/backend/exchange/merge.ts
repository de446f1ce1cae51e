import { createHash } from 'node:crypto';
import { z } from 'zod';
import { CaseRecord, type HistoryEntry } from '../../../shared/domain/case.js';
import type { ImportOutcome, Provenance } from '../../../shared/domain/exchange.js';

/**
 * Merging by stable ids. A case travels as its record without the reporter's identity (which goes, if at all, in its
 * own part); its history is append-only, so the history is the case's version: every change adds an entry, and a
 * version built on ours starts with our entries. Entries that only record a transfer (交换导入, 冲突处理) change
 * nothing of substance and are left out of the comparison, so passing a case back and forth never looks like a change.
 *   equal content, a version already seen (and decided), or ours already contains theirs
 *                                                  → unchanged (an older bundle arriving late changes nothing)
 *   theirs contains ours                           → updated
 *   each has entries the other lacks               → conflict: ours stays, theirs is kept aside until a user chooses
 * Nothing local is ever overwritten by a conflict.
 */
export const ExchangedCase = CaseRecord.omit({ identity: true }).extend({ realName: z.boolean() });
export type ExchangedCase = z.infer<typeof ExchangedCase>;

/** What the hash covers: everything both offices share (not the local number, the sealed identity, derived status). */
function sharedContent(c: ExchangedCase | CaseRecord): Record<string, unknown> {
  const { caseNo: _no, status: _status, ...rest } = c as ExchangedCase & Partial<CaseRecord>;
  const { identity, realName, ...fields } = rest;
  return { ...fields, realName: realName ?? identity!.realName };
}

/** JSON with object keys sorted, so equal content hashes equally whatever the key order. (Loops, not array helpers:
 * an import hashes every incoming case.) */
export function canonicalJson(value: unknown): string {
  if (value === null || typeof value !== 'object') return JSON.stringify(value);
  if (Array.isArray(value)) {
    let out = '[';
    for (let i = 0; i < value.length; i++) out += (i ? ',' : '') + canonicalJson(value[i]);
    return `${out}]`;
  }
  const object = value as Record<string, unknown>;
  const keys = Object.keys(object).sort();
  let out = '{';
  for (const key of keys) {
    const v = object[key];
    if (v === undefined) continue;
    out += `${out.length > 1 ? ',' : ''}${JSON.stringify(key)}:${canonicalJson(v)}`;
  }
  return `${out}}`;
}

export function contentHash(c: ExchangedCase | CaseRecord): string {
  return createHash('sha256').update(canonicalJson(sharedContent(c))).digest('hex');
}

export function toExchanged(record: CaseRecord): ExchangedCase {
  const { identity, ...rest } = record;
  return { ...rest, realName: identity.realName };
}

/** The entries that change a case (everything but transfer records), as comparable keys. */
function substance(history: HistoryEntry[]): string[] {
  return history.filter((h) => h.action !== 'import').map(canonicalJson);
}

function startsWith(longer: string[], prefix: string[]): boolean {
  return prefix.length <= longer.length && prefix.every((key, i) => longer[i] === key);
}

export function classify(local: CaseRecord | undefined, incoming: ExchangedCase, provenance: Provenance | undefined, hash?: string): ImportOutcome {
  if (!local) return 'new';
  const incomingHash = hash ?? contentHash(incoming);
  if (contentHash(local) === incomingHash || provenance?.base === incomingHash) return 'unchanged';
  const ours = substance(local.history);
  const theirs = substance(incoming.history);
  if (startsWith(ours, theirs)) return 'unchanged';
  if (startsWith(theirs, ours)) return 'updated';
  return 'conflict';
}

/** After sending or receiving a case: where it came from first, and what was last exchanged with whom. */
export function provenanceAfter(prev: Provenance | undefined, exchanged: { caseNo: string }, hash: string, firstFrom: string, lastWith: string, at: string): Provenance {
  return { origin: prev?.origin ?? firstFrom, originCaseNo: prev?.originCaseNo ?? exchanged.caseNo, base: hash, lastWith, at };
}
