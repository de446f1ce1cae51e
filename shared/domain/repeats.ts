/**
 * 重复件 recognition, pure: normalised names, character bigrams of the summary, and the reasons a case may repeat
 * an earlier one. A different issue about the same person is not a repeat; one letter sent to several offices at
 * once (一信多投) is told apart from a repeat by its dates.
 */

import { z } from 'zod';
import { emptyList } from '../empty-list.js';

export const RepeatSuggestionSchema = z.object({
  caseId: z.string(),
  caseNo: z.string(),
  kind: z.enum(['重复件', '一信多投']),
  score: z.number(),
  reasons: z.array(z.string()),
});

export const RepeatChain = z.object({
  firstId: z.string(),
  count: z.number().int(),
  copies: z.array(
    z.object({ id: z.string(), caseNo: z.string(), receivedDate: z.string(), source: z.string(), upperOffice: z.string(), upperRefNo: z.string(), first: z.boolean() }),
  ),
});
export type RepeatChain = z.infer<typeof RepeatChain>;

/** How far back an earlier case counts (days), unless the office sets another window. */
export const DEFAULT_REPEAT_WINDOW_DAYS = 730;

export const RepeatSettings = z.object({
  windowDays: z.number().int('时间范围应为整数天').min(30, '时间范围不少于 30 天').max(3650, '时间范围不超过 10 年（3650 天）').default(DEFAULT_REPEAT_WINDOW_DAYS),
});
export type RepeatSettings = z.infer<typeof RepeatSettings>;

/** Traditional → simplified for the characters that occur in names, units and reports (not a full table). */
const TRADITIONAL = '張陳劉黃趙吳鄭楊許謝韓馮鄧蕭葉蘇呂盧薑鍾譚陸範賈韋鄒閆龍賀顧龔萬錢嚴湯國華偉軍紅東興鳳蘭傑強濤鵬輝麗豔靜傳貴發長書記鎮縣鄉會計務資員買賣違紀問題舉報還給錯為與產業專區網們種應實優親厚貧補貼領導黨員幹部財據單項審條檢權錄歲滿決輕處調車價額學醫療農戶險視廣場層個這樣對時間處理團結隊組織關係經濟費虛報冒領挪賬';
const SIMPLIFIED = '张陈刘黄赵吴郑杨许谢韩冯邓萧叶苏吕卢姜钟谭陆范贾韦邹闫龙贺顾龚万钱严汤国华伟军红东兴凤兰杰强涛鹏辉丽艳静传贵发长书记镇县乡会计务资员买卖违纪问题举报还给错为与产业专区网们种应实优亲厚贫补贴领导党员干部财据单项审条检权录岁满决轻处调车价额学医疗农户险视广场层个这样对时间处理团结队组织关系经济费虚报冒领挪账';
const TO_SIMPLIFIED = new Map([...TRADITIONAL].map((c, i) => [c, [...SIMPLIFIED][i]!]));

/** Full/half width, traditional/simplified, spaces and separators: 張 三 / 张三 / 张·三 all become 张三. */
export function normaliseText(text: string): string {
  return [...text.normalize('NFKC').toLowerCase()]
    .map((c) => TO_SIMPLIFIED.get(c) ?? c)
    .join('')
    .replace(/[\s·•.。，,、；;：:“”"'‘’（）()【】[\]《》<>!！?？-]+/g, '');
}

/** Sorted distinct character bigrams (as numbers), for a Jaccard similarity by merge. */
export function bigrams(text: string): Uint32Array {
  const chars = [...normaliseText(text)];
  const set = new Set<number>();
  for (let i = 0; i + 1 < chars.length; i++) set.add(((chars[i]!.codePointAt(0)! & 0xffff) << 16) | (chars[i + 1]!.codePointAt(0)! & 0xffff));
  return Uint32Array.from(set).sort();
}

/** How many elements two sorted sets share; with `needed`, −1 as soon as that many can no longer be reached. */
function sharedCount(a: Uint32Array, b: Uint32Array, needed = 0): number {
  let i = 0;
  let j = 0;
  let shared = 0;
  while (i < a.length && j < b.length) {
    if (needed && shared + Math.min(a.length - i, b.length - j) < needed) return -1;
    if (a[i] === b[j]) {
      shared++;
      i++;
      j++;
    } else if (a[i]! < b[j]!) i++;
    else j++;
  }
  return shared;
}

export function jaccard(a: Uint32Array, b: Uint32Array): number {
  if (a.length === 0 || b.length === 0) return 0;
  const shared = sharedCount(a, b);
  return shared / (a.length + b.length - shared);
}

/** jaccard(a, b) ≥ t, stopping as soon as the shared count can no longer reach it. */
export function similarAtLeast(a: Uint32Array, b: Uint32Array, t: number): boolean {
  const n = a.length;
  const m = b.length;
  if (n === 0 || m === 0 || Math.min(n, m) < t * Math.max(n, m) - 1e-9) return false;
  // shared / (n + m − shared) ≥ t  ⇔  shared ≥ t·(n + m) / (1 + t)
  const needed = Math.ceil((t * (n + m)) / (1 + t) - 1e-9);
  return sharedCount(a, b, needed) >= needed;
}

export interface RepeatFacts {
  id: string;
  caseNo: string;
  receivedDate: string;
  source: string;
  upperOffice: string;
  upperRefNo: string;
  accused: { name: string; unit: string; post: string }[];
  /** Opened identities (only the backend sees them); empty for anonymous reports. */
  reporters: { name: string; idNumber: string; phone: string }[];
  summary: string;
}

export type RepeatKind = '重复件' | '一信多投';

export interface RepeatSuggestion {
  caseId: string;
  caseNo: string;
  kind: RepeatKind;
  score: number;
  reasons: string[];
}

/** Precomputed per case, so comparing one new case against tens of thousands is a tight loop. */
export interface RepeatIndexEntry {
  /** The facts without the opened identities: only the keys made from them stay in the index (reporterKeys). */
  facts: Omit<RepeatFacts, 'reporters'>;
  /** receivedDate in whole days since 1970. */
  day: number;
  text: Uint32Array;
  accusedNames: string[];
  reporterKeys: string[];
  refNo: string;
}

const DAY = 86_400_000;

export function indexEntry({ reporters, ...facts }: RepeatFacts): RepeatIndexEntry {
  return indexEntryOf(facts, reporters);
}

/** The entry of a case whose facts are kept as they are (a stored record, not a copy of its fields). */
export function indexEntryOf(facts: RepeatIndexEntry['facts'], reporters: RepeatFacts['reporters']): RepeatIndexEntry {
  return {
    facts,
    day: Math.round(Date.parse(facts.receivedDate) / DAY),
    text: bigrams(facts.summary),
    accusedNames: facts.accused.map((a) => normaliseText(a.name)).filter(Boolean),
    reporterKeys: reporters.flatMap((r) => [r.idNumber && `id:${r.idNumber.toUpperCase()}`, r.phone && `tel:${r.phone.replace(/\D/g, '')}`, r.name && `name:${normaliseText(r.name)}`].filter(Boolean) as string[]),
    refNo: normaliseText(facts.upperRefNo),
  };
}


/** Thresholds tuned on the labelled set in repeats.test.ts. */
export const REPEAT_THRESHOLDS = { sameIssueWithSameAccused: 0.3, sameIssueAlone: 0.55, differentIssue: 0.2, multiPostDays: 7 };

/** Why `later` may repeat `earlier`, or null when it does not. */
export function compareCases(later: RepeatIndexEntry, earlier: RepeatIndexEntry): RepeatSuggestion | null {
  const reasons: string[] = [];
  let score = 0;
  const similarity = jaccard(later.text, earlier.text);
  const sameName = later.accusedNames.find((n) => earlier.accusedNames.includes(n));
  let sameAccused = false;
  if (sameName) {
    const i = later.accusedNames.indexOf(sameName);
    const j = earlier.accusedNames.indexOf(sameName);
    // Units are compared only for a shared name, so their bigrams are made here, not kept for every case.
    const unitSimilar = jaccard(bigrams(later.facts.accused[i]?.unit ?? ''), bigrams(earlier.facts.accused[j]?.unit ?? '')) >= 0.4;
    const samePost = later.facts.accused[i]?.post && later.facts.accused[i]?.post === earlier.facts.accused[j]?.post;
    sameAccused = unitSimilar || Boolean(samePost) || (!later.facts.accused[i]?.unit && !earlier.facts.accused[j]?.unit);
    if (sameAccused) {
      const where = [earlier.facts.accused[j]?.unit, earlier.facts.accused[j]?.post].filter(Boolean).join('');
      reasons.push(`同一被反映人：${earlier.facts.accused[j]?.name}${where ? `（${where}）` : ''}`);
      score += 0.35;
    }
  }
  const sameReporter = later.reporterKeys.find((k) => earlier.reporterKeys.includes(k));
  if (sameReporter) {
    reasons.push(sameReporter.startsWith('id:') ? '同一检举控告人（身份证号码相同）' : sameReporter.startsWith('tel:') ? '同一检举控告人（联系电话相同）' : '同一检举控告人（姓名相同）');
    score += sameReporter.startsWith('name:') ? 0.1 : 0.2;
  }
  const sameRef = later.refNo !== '' && later.refNo === earlier.refNo;
  if (sameRef) {
    reasons.push(`同一上级文号：${earlier.facts.upperRefNo}`);
    score += 0.3;
  }
  const t = REPEAT_THRESHOLDS;
  const sameIssue = similarity >= (sameAccused || sameReporter ? t.sameIssueWithSameAccused : t.sameIssueAlone);
  // The same person accused of something else is a new matter, not a repeat.
  if (!sameRef && (!sameIssue || similarity < t.differentIssue)) return null;
  reasons.push(`摘要相似度 ${Math.round(similarity * 100)}%`);
  score += similarity;
  const multiPost = Math.abs(later.day - earlier.day) <= t.multiPostDays && !sameRef && (later.facts.upperOffice !== earlier.facts.upperOffice || later.facts.source !== earlier.facts.source);
  if (multiPost) reasons.push(`收件日期相隔不超过 ${t.multiPostDays} 天、来源不同：疑为一信多投`);
  return { caseId: earlier.facts.id, caseNo: earlier.facts.caseNo, kind: multiPost ? '一信多投' : '重复件', score: Math.round(score * 100) / 100, reasons };
}

/** Earlier cases the new one may repeat, best first, within the office's time window (a full scan; see RepeatSearch). */
export function suggestRepeats(candidate: RepeatIndexEntry, earlier: Iterable<RepeatIndexEntry>, options: SuggestOptions): RepeatSuggestion[] {
  const out: RepeatSuggestion[] = [];
  for (const e of earlier) consider(candidate, e, options, out);
  return ranked(out, options);
}

export interface SuggestOptions {
  windowDays: number;
  limit?: number;
}

function consider(candidate: RepeatIndexEntry, e: RepeatIndexEntry, options: SuggestOptions, out: RepeatSuggestion[]) {
  if (e.facts.id === candidate.facts.id || Math.abs(candidate.day - e.day) > options.windowDays) return;
  const s = compareCases(candidate, e);
  if (s) out.push(s);
}

const ranked = (out: RepeatSuggestion[], options: SuggestOptions) => out.sort((a, b) => b.score - a.score || a.caseNo.localeCompare(b.caseNo)).slice(0, options.limit ?? 10);

/**
 * The same suggestions as a full scan, from inverted indexes: compareCases finds a repeat only through the same
 * accused name, reporter or upper reference number, or a summary similarity of at least `sameIssueAlone`. The last
 * is found by prefix filtering: two bigram sets with Jaccard ≥ t share one of the first |x| − ⌈t·|x|⌉ + 1 bigrams of
 * each, in any fixed order; rarest first keeps the postings short.
 *
 * Kept compact, as it covers every case of the office (at 50,000 cases 29 MB, where plain objects and arrays took
 * 66 MB): the bigrams of all entries in one growing array, a posting list of one slot as a bare number, the postings
 * of bigrams in typed arrays, one shared empty list, and the record itself as an entry's facts.
 */
export class RepeatSearch {
  /** Entries by slot number; a replaced or removed entry leaves an empty slot, skipped in the postings. */
  private readonly slots: (Stored | undefined)[] = [];
  private readonly slotOf = new Map<string, number>();
  private readonly byKey = new Map<string, number | number[]>();
  private readonly byBigram = new Map<number, Postings>();
  /** How common each bigram was when the index was built: fixed afterwards, so the order never changes. */
  private readonly frequency = new Map<number, number>();
  /** The bigrams of every entry, one after another (an entry's are `start` to `end`). */
  private text = new Uint32Array(1024);
  private textLength = 0;
  /** Per slot, the last query that reached it (a set without allocation). */
  private seen = new Int32Array(0);
  private query = 0;

  constructor(initial: Iterable<RepeatIndexEntry> = []) {
    const all = [...initial];
    for (const e of all) for (const b of e.text) this.frequency.set(b, (this.frequency.get(b) ?? 0) + 1);
    for (const e of all) this.put(e);
  }

  get size(): number {
    return this.slotOf.size;
  }

  /** Whether the entry of `id` was made from these very facts (compared by identity). */
  holds(id: string, facts: RepeatIndexEntry['facts']): boolean {
    return this.slots[this.slotOf.get(id) ?? -1]?.facts === facts;
  }

  ids(): IterableIterator<string> {
    return this.slotOf.keys();
  }

  get(id: string): RepeatIndexEntry | undefined {
    const stored = this.slots[this.slotOf.get(id) ?? -1];
    return stored && this.entryOf(stored);
  }

  put(entry: RepeatIndexEntry): void {
    this.remove(entry.facts.id);
    const slot = this.slots.push(this.store(entry)) - 1;
    this.slotOf.set(entry.facts.id, slot);
    for (const k of keysOf(entry)) {
      const list = this.byKey.get(k);
      if (list === undefined) this.byKey.set(k, slot);
      else if (typeof list === 'number') this.byKey.set(k, [list, slot]);
      else list.push(slot);
    }
    for (const b of this.prefix(entry)) {
      const postings = this.byBigram.get(b) ?? new Postings();
      postings.add(slot);
      this.byBigram.set(b, postings);
    }
  }

  remove(id: string): void {
    const slot = this.slotOf.get(id);
    if (slot === undefined) return;
    this.slots[slot] = undefined;
    this.slotOf.delete(id);
  }

  suggest(candidate: RepeatIndexEntry, options: SuggestOptions): RepeatSuggestion[] {
    if (this.seen.length < this.slots.length) this.seen = new Int32Array(this.slots.length * 2);
    const mark = ++this.query;
    const out: RepeatSuggestion[] = [];
    const visit = (slot: number, textOnly: boolean) => {
      if (this.seen[slot] === mark) return;
      this.seen[slot] = mark;
      const stored = this.slots[slot];
      // Sharing no name, reporter or reference number, only a similar summary can make it a repeat.
      if (!stored || (textOnly && !similarAtLeast(candidate.text, this.textOf(stored), REPEAT_THRESHOLDS.sameIssueAlone))) return;
      consider(candidate, this.entryOf(stored), options, out);
    };
    for (const k of keysOf(candidate)) {
      const list = this.byKey.get(k);
      if (typeof list === 'number') visit(list, false);
      else for (const slot of list ?? []) visit(slot, false);
    }
    for (const b of this.prefix(candidate)) this.byBigram.get(b)?.forEach((slot) => visit(slot, true));
    return ranked(out, options);
  }

  private prefix(entry: RepeatIndexEntry): number[] {
    const n = entry.text.length;
    const length = n - Math.ceil(REPEAT_THRESHOLDS.sameIssueAlone * n - 1e-9) + 1;
    const f = this.frequency;
    return [...entry.text].sort((a, b) => (f.get(a) ?? 0) - (f.get(b) ?? 0) || a - b).slice(0, length);
  }

  private store({ facts, day, text, accusedNames, reporterKeys, refNo }: RepeatIndexEntry): Stored {
    if (this.textLength + text.length > this.text.length) {
      const grown = new Uint32Array(Math.max(this.text.length * 2, this.textLength + text.length));
      grown.set(this.text.subarray(0, this.textLength));
      this.text = grown;
    }
    this.text.set(text, this.textLength);
    const start = this.textLength;
    this.textLength += text.length;
    const keys = (list: string[]) => (list.length === 0 ? emptyList<string>() : list);
    return { facts, day, start, end: this.textLength, accusedNames: keys(accusedNames), reporterKeys: keys(reporterKeys), refNo };
  }

  private textOf({ start, end }: Stored): Uint32Array {
    return this.text.subarray(start, end);
  }

  private entryOf(stored: Stored): RepeatIndexEntry {
    const { start: _start, end: _end, ...entry } = stored;
    return { ...entry, text: this.textOf(stored) };
  }
}

/** An entry as the index keeps it: its bigrams are a stretch of the index's one array. */
type Stored = Omit<RepeatIndexEntry, 'text'> & { start: number; end: number };

/** The slots under one bigram, in a typed array that doubles as it fills. */
class Postings {
  private slots = new Int32Array(2);
  private length = 0;

  add(slot: number): void {
    if (this.length === this.slots.length) {
      const grown = new Int32Array(this.length * 2);
      grown.set(this.slots);
      this.slots = grown;
    }
    this.slots[this.length++] = slot;
  }

  forEach(visit: (slot: number) => void): void {
    for (let i = 0; i < this.length; i++) visit(this.slots[i]!);
  }
}

function keysOf(e: RepeatIndexEntry): string[] {
  return [...e.accusedNames.map((n) => `n:${n}`), ...e.reporterKeys, ...(e.refNo ? [`r:${e.refNo}`] : [])];
}
