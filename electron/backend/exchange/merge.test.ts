import { describe, expect, it } from 'vitest';
import type { CaseRecord, HistoryEntry } from '../../../shared/domain/case.js';
import type { ImportOutcome, Provenance } from '../../../shared/domain/exchange.js';
import { rng as random } from '../demo/generator.js';
import { storedCase } from '../test-support/records.js';
import { canonicalJson, classify, contentHash, provenanceAfter, toExchanged, type ExchangedCase } from './merge.js';

const BASE = storedCase(1, { caseNo: '恩纪信〔2026〕1号', summary: '反映某镇财政所所长在发放补贴资金过程中优亲厚友。' });

const entry = (summary: string, at: string): HistoryEntry => ({ at, actor: '测试', action: summary.startsWith('edit') ? 'edit' : 'import', summary, changes: [] });
const editsOf = (c: { history: HistoryEntry[] }) => new Set(c.history.filter((h) => h.action === 'edit').map((h) => h.summary));
const subset = (a: Set<string>, b: Set<string>, ignore = new Set<string>()) => [...a].every((x) => b.has(x) || ignore.has(x));

interface Office {
  name: string;
  record?: CaseRecord;
  provenance?: Provenance;
  seq: number;
}

describe('merge by stable ids (property-based)', () => {
  it('never loses an edit silently, never asks when nothing diverged, and a repeated bundle changes nothing', () => {
    const outcomes: Record<ImportOutcome, number> = { new: 0, updated: 0, unchanged: 0, conflict: 0 };
    for (let seed = 1; seed <= 300; seed++) {
      const r = random(seed);
      const city: Office = { name: 'city', record: { ...BASE, history: [entry('edit-0', 't0')] }, seq: 0 };
      const county: Office = { name: 'county', seq: 0 };
      const offices = [city, county];
      const queue: { from: Office; to: Office; payload: ExchangedCase; seq: number }[] = [];
      const discarded = new Set<string>();
      let clock = 0;
      const at = () => `t${++clock}`;
      for (let step = 0; step < 40; step++) {
        const action = r();
        const office = offices[Math.floor(r() * 2)]!;
        const other = office === city ? county : city;
        if (action < 0.3 && office.record) {
          const t = at();
          office.record = { ...office.record, region: `区域${clock}`, updatedAt: t, history: [...office.record.history, entry(`edit-${clock}`, t)] };
        } else if (action < 0.6 && office.record) {
          office.seq += 1;
          office.provenance = provenanceAfter(office.provenance, office.record, contentHash(office.record), office.name, other.name, at());
          queue.push({ from: office, to: other, payload: toExchanged(office.record), seq: office.seq });
        } else if (queue.length) {
          // USB sticks arrive in any order.
          const [bundle] = queue.splice(Math.floor(r() * queue.length), 1);
          const { to, payload } = bundle!;
          const before = to.record;
          const hash = contentHash(payload);
          const arrival = { from: bundle!.from.name, seq: bundle!.seq, at: at() };
          const outcome = classify(before, payload, to.provenance, hash);
          outcomes[outcome] += 1;
          if (before) {
            const mine = editsOf(before);
            const theirs = editsOf(payload);
            // Nothing diverged (theirs contains all of ours): the user is not asked.
            if (subset(mine, theirs)) expect(outcome, `seed ${seed} step ${step}`).not.toBe('conflict');
            // Taking theirs never drops one of our edits that no one chose to discard.
            if (outcome === 'updated') expect(subset(mine, theirs, discarded), `seed ${seed} step ${step}`).toBe(true);
            // Both sides have edits the other lacks: never a silent update.
            if (!subset(mine, theirs, discarded) && !subset(theirs, mine, discarded) && to.provenance?.base !== hash) expect(outcome, `seed ${seed} step ${step}`).toBe('conflict');
          }
          const take = () => {
            const { realName: _r, ...fields } = payload;
            const record = { ...fields, caseNo: before?.caseNo ?? `鹤纪信〔2026〕${seed}号`, identity: before?.identity ?? BASE.identity, history: [...payload.history, entry('import', arrival.at)] };
            to.record = record as CaseRecord;
            to.provenance = provenanceAfter(to.provenance, payload, hash, arrival.from, arrival.from, arrival.at);
          };
          if (outcome === 'new' || outcome === 'updated') take();
          else if (outcome === 'conflict') {
            if (r() < 0.5) {
              editsOf(before!).forEach((e) => !editsOf(payload).has(e) && discarded.add(e));
              take();
            } else {
              editsOf(payload).forEach((e) => !editsOf(before!).has(e) && discarded.add(e));
              to.record = { ...before!, history: [...before!.history, entry('import', arrival.at)] };
              to.provenance = provenanceAfter(to.provenance, payload, hash, arrival.from, arrival.from, arrival.at);
            }
          }
          // The same bundle again, or the same content in a later one: nothing to do.
          expect(classify(to.record, payload, to.provenance, hash), `seed ${seed} step ${step}`).toBe('unchanged');
        }
      }
    }
    // The random runs reach every outcome.
    expect(Object.values(outcomes).every((n) => n > 20)).toBe(true);
  });

  it('hashes content, not key order, the local number or the sealed identity', () => {
    const a = { ...BASE, history: [entry('edit-1', 't1')] };
    const reordered = Object.fromEntries(Object.entries(a).reverse()) as CaseRecord;
    expect(contentHash(reordered)).toBe(contentHash(a));
    expect(contentHash({ ...a, caseNo: '鹤纪信〔2026〕9号', identity: { realName: false, persons: [], sealed: 'x' } as CaseRecord['identity'] })).toBe(contentHash(a));
    expect(contentHash({ ...a, region: '走马镇' })).not.toBe(contentHash(a));
    expect(canonicalJson({ b: 1, a: [{ d: 2, c: undefined }] })).toBe('{"a":[{"d":2}],"b":1}');
  });
});
