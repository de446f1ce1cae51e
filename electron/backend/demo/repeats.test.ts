import { describe, expect, it } from 'vitest';
import { compareCases, indexEntry, jaccard, normaliseText, RepeatSearch, similarAtLeast, suggestRepeats, type RepeatFacts } from '../../../shared/domain/repeats.js';
import { generateDemoCases, rng } from './generator.js';

/**
 * A labelled set built from realistic variations of demo reports: reworded, reordered, traditional characters,
 * typos, another reporter (repeats); the same accused with a different issue and unrelated reports (not repeats);
 * 一信多投. The second half is held out: thresholds were tuned on the first half only.
 */
const SIMPLIFIED_TO_TRADITIONAL: Record<string, string> = { 张: '張', 刘: '劉', 县: '縣', 镇: '鎮', 村: '村', 书: '書', 记: '記', 报: '報', 违: '違', 纪: '紀', 领: '領', 补: '補', 贴: '貼', 资: '資', 会: '會', 计: '計' };

function vary(text: string, kind: number, r: () => number): string {
  const clauses = text.replace(/。$/, '').split('，');
  switch (kind) {
    case 0: // reworded: clauses in another order, a closing phrase
      return `${[...clauses].reverse().join('，')}，希望上级部门认真调查处理。`;
    case 1: // traditional characters
      return [...text].map((c) => SIMPLIFIED_TO_TRADITIONAL[c] ?? c).join('');
    case 2: // typos: about 6 % of characters replaced
      return [...text].map((c) => (r() < 0.06 ? '某' : c)).join('');
    default: // a second letter repeating the first, with more detail
      return `${text.replace(/。$/, '')}，此前已多次反映，至今没有结果，现再次反映，请求尽快查处。`;
  }
}

function facts(id: string, base: RepeatFacts, patch: Partial<RepeatFacts>): RepeatFacts {
  return { ...base, id, caseNo: id, ...patch };
}

function labelledSet() {
  const r = rng(42);
  const demo = generateDemoCases(400, 42, new Date('2026-11-25T00:00:00Z')).filter((d) => d.input.kind === '检举控告' && d.input.accused.length > 0 && !d.input.summary.includes('再次反映'));
  const pairs: { later: RepeatFacts; earlier: RepeatFacts; repeat: boolean; multiPost?: boolean }[] = [];
  const toFacts = (i: number): RepeatFacts => {
    const d = demo[i]!.input;
    return { id: `c${i}`, caseNo: `c${i}`, receivedDate: d.receivedDate, source: d.source, upperOffice: d.upperOffice, upperRefNo: '', accused: d.accused.map((a) => ({ name: a.name, unit: a.unit, post: a.post })), reporters: d.reporter.persons.map((p) => ({ name: p.name, idNumber: p.idNumber, phone: p.phone })), summary: d.summary };
  };
  for (let i = 0; i + 1 < demo.length && pairs.length < 240; i += 2) {
    const base = toFacts(i);
    const other = toFacts(i + 1);
    const later = (patch: Partial<RepeatFacts>) => facts(`${base.id}-v`, base, { receivedDate: '2026-11-20', reporters: [], ...patch });
    const k = (i / 2) % 6;
    if (k < 4) pairs.push({ earlier: base, later: later({ summary: vary(base.summary, k, r), source: '上级转办', upperOffice: '恩施州纪委监委' }), repeat: true });
    // The same person, another matter (the other case's issue put on this accused): not a repeat.
    if (k === 4) pairs.push({ earlier: base, later: later({ summary: other.summary.replace(other.accused[0]?.name ?? '', base.accused[0]!.name) }), repeat: false });
    // Unrelated report: not a repeat.
    if (k === 5) pairs.push({ earlier: base, later: { ...other, receivedDate: '2026-11-20' }, repeat: false });
    // One letter sent to two offices at once.
    if (k === 0) pairs.push({ earlier: base, later: later({ receivedDate: base.receivedDate, source: '上级转办', upperOffice: base.upperOffice === '湖北省纪委监委' ? '中央纪委国家监委' : '湖北省纪委监委', summary: base.summary }), repeat: true, multiPost: true });
  }
  return pairs;
}

function measure(pairs: ReturnType<typeof labelledSet>) {
  let tp = 0;
  let fp = 0;
  let fn = 0;
  let multiPostRight = 0;
  let multiPostAll = 0;
  for (const p of pairs) {
    const s = compareCases(indexEntry(p.later), indexEntry(p.earlier));
    if (s && p.repeat) tp++;
    if (s && !p.repeat) fp++;
    if (!s && p.repeat) fn++;
    if (p.multiPost) {
      multiPostAll++;
      if (s?.kind === '一信多投') multiPostRight++;
    }
  }
  return { precision: tp / (tp + fp), recall: tp / (tp + fn), multiPost: multiPostRight / multiPostAll, size: pairs.length };
}

describe('repeat recognition', () => {
  it('normalises widths, traditional characters and separators', () => {
    expect(normaliseText('張 三')).toBe('张三');
    expect(normaliseText('ＺＨＡＮＧ·三')).toBe('zhang三');
  });

  it('reaches precision and recall ≥ 0.9 on the tuning half and on the held-out half', () => {
    const pairs = labelledSet();
    const half = Math.floor(pairs.length / 2);
    const tuning = measure(pairs.slice(0, half));
    const heldOut = measure(pairs.slice(half));
    console.log('repeat recognition', JSON.stringify({ tuning, heldOut }));
    for (const m of [tuning, heldOut]) {
      expect(m.size).toBeGreaterThan(40);
      expect(m.precision).toBeGreaterThanOrEqual(0.9);
      expect(m.recall).toBeGreaterThanOrEqual(0.9);
      expect(m.multiPost).toBeGreaterThanOrEqual(0.9);
    }
  });

  it('finds through its indexes exactly what a full scan finds, also after edits and removals', () => {
    const pairs = labelledSet();
    const pool = [...pairs.flatMap((p) => [p.earlier, p.later]), ...generateDemoCases(1500, 7, new Date('2026-11-25T00:00:00Z')).map((d, i) => ({ id: `d${i}`, caseNo: `d${i}`, receivedDate: d.input.receivedDate, source: d.input.source, upperOffice: d.input.upperOffice, upperRefNo: d.input.upperRefNo ?? '', accused: d.input.accused.map(({ name, unit, post }) => ({ name, unit, post })), reporters: d.input.reporter.persons.map(({ name, idNumber, phone }) => ({ name, idNumber, phone })), summary: d.input.summary }))];
    const unique = [...new Map(pool.map((f) => [f.id, indexEntry(f)])).values()];
    const search = new RepeatSearch(unique.slice(0, 1000));
    unique.slice(1000).forEach((e) => search.put(e));
    // An edit replaces an entry; a removal drops it.
    const edited = indexEntry({ ...pool.find((f) => f.id === unique[3]!.facts.id)!, summary: unique[5]!.facts.summary });
    search.put(edited);
    search.remove(unique[7]!.facts.id);
    const current = unique.map((e) => (e.facts.id === edited.facts.id ? edited : e)).filter((e) => e.facts.id !== unique[7]!.facts.id);
    let found = 0;
    for (const candidate of current.filter((_, i) => i % 3 === 0)) {
      for (const windowDays of [30, 730]) {
        const indexed = search.suggest(candidate, { windowDays, limit: 50 });
        expect(indexed).toEqual(suggestRepeats(candidate, current, { windowDays, limit: 50 }));
        found += indexed.length;
      }
    }
    expect(found).toBeGreaterThan(100);
    expect(search.size).toBe(current.length);
  });

  it('decides “similar at least t” as the Jaccard similarity does', () => {
    const r = rng(3);
    const set = (n: number) => Uint32Array.from(new Set(Array.from({ length: n }, () => Math.floor(r() * 60)))).sort();
    for (let i = 0; i < 3000; i++) {
      const a = set(1 + Math.floor(r() * 40));
      const b = set(1 + Math.floor(r() * 40));
      for (const t of [0.2, 0.3, 0.55]) expect(similarAtLeast(a, b, t)).toBe(jaccard(a, b) >= t);
    }
  });
});
