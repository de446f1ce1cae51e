import { promises as fsp } from 'node:fs';
import path from 'node:path';
import { Low } from 'lowdb';
import { z } from 'zod';
import { CaseRecord } from '../../../shared/domain/case.js';
import { ExchangeState } from '../../../shared/domain/exchange.js';
import { Settings } from '../../../shared/domain/office.js';
import { FieldVisit, HouseholdVisit } from '../../../shared/domain/visits.js';
import { RegistryEntry } from '../../../shared/documents/registry.js';
import { ATTACHMENT_DIR, AttachmentFiles, type AttachmentKeys } from './attachments.js';
import { ShardedCollection } from './collection.js';
import { DurableDocument, plainCodec, type DocumentOptions, type FileCodec, type RecoveryReport } from './document.js';
import { LedgerCacheDoc, packSummary, unpackSummary, type LedgerCache } from './ledger-cache-format.js';
import { CURRENT_SCHEMA_VERSION } from './migrations.js';
import { beginJournal, commitJournal, rollbackJournal } from './transaction.js';

/**
 * The one module that owns the data files. Nothing else reads or writes them; services call its methods.
 * Layout under DATA/store/: settings.json, meta.json and sharded collections (see collection.ts).
 */
export const STORE_DIR = 'store';

const SettingsDoc = Settings.extend({ schemaVersion: z.number().int() });
type SettingsDoc = z.infer<typeof SettingsDoc>;

const MetaDoc = z.object({
  schemaVersion: z.number().int(),
  createdAt: z.string(),
  /** Running numbers by key (e.g. case numbers per year); only ever increase, so numbers are never reused. */
  counters: z.record(z.string(), z.number().int().nonnegative()),
  /** The audit log's latest entry, kept here (encrypted) so that a deleted tail of the log is detected. */
  auditHead: z.object({ seq: z.number().int(), hash: z.string() }).nullable().default(null),
});
type MetaDoc = z.infer<typeof MetaDoc>;

const RegistryDoc = z.object({ schemaVersion: z.number().int(), entries: z.array(RegistryEntry) });
type RegistryDoc = z.infer<typeof RegistryDoc>;

const ExchangeDoc = ExchangeState.extend({ schemaVersion: z.number().int() });
type ExchangeDoc = z.infer<typeof ExchangeDoc>;

export interface StoreOptions extends DocumentOptions {
  now?: () => Date;
  attachmentKeys?: AttachmentKeys | null;
  /** Open the cases without reading them: `cases.load()` reads them (see ShardedCollection.open). */
  deferCases?: boolean;
}

/** The ledger cache (ledger-cache-format.ts): only a cache, never the source of a record. */
export const LEDGER_CACHE_FILE = 'ledger-cache.json';

export const storeDocuments = {
  settings: { file: 'settings.json', schema: SettingsDoc },
  meta: { file: 'meta.json', schema: MetaDoc },
  /** 文号 registry: every number taken, issued or voided. */
  registry: { file: 'registry.json', schema: RegistryDoc },
  /** 交换: the office's key pairs, trusted offices, bundles seen and sent, provenance of exchanged cases. */
  exchange: { file: 'exchange.json', schema: ExchangeDoc },
} as const;

/** Sharded record collections by kind: kind → record schema. */
export const storeCollections = { cases: CaseRecord, fieldVisits: FieldVisit, householdVisits: HouseholdVisit } as const;

/**
 * Every deadline keeps the texts of the rule it was computed under (citation and explanation): at 50,000 cases,
 * some 150,000 copies of a few thousand strings. As records are read, equal texts become one string (the citations
 * alone were 24 MB).
 */
function shareRuleTexts(): (records: CaseRecord[]) => void {
  const texts = new Map<string, string>();
  const share = (text: string) => {
    const known = texts.get(text);
    if (known !== undefined) return known;
    texts.set(text, text);
    return text;
  };
  return (records) => {
    for (const record of records) {
      for (const d of record.deadlines) {
        d.citation = share(d.citation);
        d.explanation = share(d.explanation);
      }
    }
  };
}

export class Store {
  private constructor(
    readonly dir: string,
    private readonly settingsDb: Low<SettingsDoc>,
    private readonly metaDb: Low<MetaDoc>,
    private readonly registryDb: Low<RegistryDoc>,
    private readonly exchangeDb: Low<ExchangeDoc>,
    /** 信访举报件 with their history; the reporter's identity is a separate part of each record. */
    readonly cases: ShardedCollection<CaseRecord>,
    /** 带信下访 plans and records, and 入户走访 rows (see shared/domain/visits.ts). */
    readonly fieldVisits: ShardedCollection<FieldVisit>,
    readonly householdVisits: ShardedCollection<HouseholdVisit>,
    readonly attachments: AttachmentFiles,
    /** How the files are encoded (encrypted); `verify` decodes with it. */
    readonly codec: FileCodec,
    private readonly documentFiles: { file: DurableDocument<unknown>; db: Low<unknown> }[],
    private readonly ledgerCache: DurableDocument<LedgerCacheDoc>,
    /** Files recovered from a backup since opening (also those read later, when the cases are deferred). */
    readonly recoveries: RecoveryReport[],
  ) {}

  /** The ledger cache, or null when there is none that this version wrote (it is only a cache). */
  async readLedgerCache(): Promise<LedgerCache | null> {
    const doc = await this.ledgerCache.readCurrent();
    return doc && { deadlineKey: doc.deadlineKey, shards: doc.shards.map((s) => ({ stamp: s.stamp, summaries: s.summaries.map(unpackSummary) })) };
  }

  async writeLedgerCache(cache: LedgerCache): Promise<void> {
    const shards = cache.shards.map((s) => ({ stamp: s.stamp, summaries: s.summaries.map(packSummary) }));
    await this.ledgerCache.write({ schemaVersion: CURRENT_SCHEMA_VERSION, deadlineKey: cache.deadlineKey, shards });
  }

  static async open(dataDir: string, options: StoreOptions = {}): Promise<Store> {
    const dir = path.join(dataDir, STORE_DIR);
    await fsp.mkdir(dir, { recursive: true });
    // A change across files that was interrupted (crash, killed process) is undone before anything is read.
    const rolledBack = await rollbackJournal(dir);
    const recoveries: RecoveryReport[] = [];
    const docOptions: DocumentOptions = {
      checkOnWrite: true,
      ...options,
      onRecover: (report) => {
        recoveries.push(report);
        options.onRecover?.(report);
      },
    };
    if (rolledBack) docOptions.onRecover?.({ file: '交换导入', from: '导入前的数据', reason: '上次导入或恢复未完成，已全部撤销' });
    const now = options.now ?? (() => new Date());
    const settingsFile = new DurableDocument(path.join(dir, storeDocuments.settings.file), 'settings', SettingsDoc, docOptions);
    const metaFile = new DurableDocument(path.join(dir, storeDocuments.meta.file), 'meta', MetaDoc, docOptions);
    const settingsDb = new Low<SettingsDoc>(settingsFile, { schemaVersion: CURRENT_SCHEMA_VERSION, ...Settings.parse({ office: null }) });
    const metaDb = new Low<MetaDoc>(metaFile, { schemaVersion: CURRENT_SCHEMA_VERSION, createdAt: now().toISOString(), counters: {}, auditHead: null });
    const registryFile = new DurableDocument(path.join(dir, storeDocuments.registry.file), 'registry', RegistryDoc, docOptions);
    const registryDb = new Low<RegistryDoc>(registryFile, { schemaVersion: CURRENT_SCHEMA_VERSION, entries: [] });
    const exchangeFile = new DurableDocument(path.join(dir, storeDocuments.exchange.file), 'exchange', ExchangeDoc, docOptions);
    const exchangeDb = new Low<ExchangeDoc>(exchangeFile, {
      schemaVersion: CURRENT_SCHEMA_VERSION,
      ...ExchangeState.parse({}),
    });
    await Promise.all([settingsDb.read(), metaDb.read(), registryDb.read(), exchangeDb.read()]);
    // A new store writes its documents at once, so `verify` can tell a store from an empty folder.
    await Promise.all([settingsFile.isNew && settingsDb.write(), metaFile.isNew && metaDb.write(), registryFile.isNew && registryDb.write(), exchangeFile.isNew && exchangeDb.write()]);
    const cases = await ShardedCollection.open(dir, 'cases', CaseRecord, docOptions, { deferred: options.deferCases, onRead: shareRuleTexts() });
    const fieldVisits = await ShardedCollection.open(dir, 'fieldVisits', FieldVisit, docOptions);
    const householdVisits = await ShardedCollection.open(dir, 'householdVisits', HouseholdVisit, docOptions);
    const documentFiles = [
      { file: settingsFile, db: settingsDb },
      { file: metaFile, db: metaDb },
      { file: registryFile, db: registryDb },
      { file: exchangeFile, db: exchangeDb },
    ] as { file: DurableDocument<unknown>; db: Low<unknown> }[];
    const attachments = new AttachmentFiles(path.join(dataDir, ATTACHMENT_DIR), options.attachmentKeys ?? null);
    // UTF-8, not ASCII JSON: the cache is mostly Chinese text, which is shorter to read as UTF-8.
    const ledgerCache = new DurableDocument(
      path.join(dir, LEDGER_CACHE_FILE),
      'ledgerCache',
      LedgerCacheDoc,
      { ...docOptions, checkOnWrite: false, write: { ...docOptions.write, keepBackups: false } },
      (data, schemaHash) => JSON.stringify({ ...data, schemaHash }),
    );
    return new Store(dir, settingsDb, metaDb, registryDb, exchangeDb, cases, fieldVisits, householdVisits, attachments, options.codec ?? plainCodec, documentFiles, ledgerCache, recoveries);
  }

  /** Rewrites every document with the current codec (used to encrypt a data directory from before encryption). */
  async rewriteAll(): Promise<void> {
    await Promise.all([this.settingsDb.write(), this.metaDb.write(), this.registryDb.write(), this.exchangeDb.write(), this.cases.writeAll(), this.fieldVisits.writeAll(), this.householdVisits.writeAll()]);
  }

  /**
   * Rewrites, one file at a time, the files read from an older version or format (a migration of the files, run
   * after opening so that it never delays it); returns how many were rewritten.
   */
  async upgradeFiles(): Promise<number> {
    let rewritten = 0;
    for (const { file, db } of this.documentFiles) {
      if (file.isCurrent) continue;
      await db.write();
      rewritten++;
    }
    for (const collection of [this.cases, this.fieldVisits, this.householdVisits]) rewritten += await collection.upgrade();
    return rewritten;
  }

  /**
   * Runs a change across several files all or nothing (see transaction.ts): on failure every file is put back and
   * the data in memory re-read. The audit log must be written after it, not inside (its head lives in meta.json).
   */
  async transaction<T>(work: () => Promise<T>): Promise<T> {
    await beginJournal(this.dir);
    try {
      const result = await work();
      await commitJournal(this.dir);
      return result;
    } catch (err) {
      // The audit log is not rolled back: the latest head it anchored meanwhile stays anchored.
      const head = this.auditHead();
      await rollbackJournal(this.dir);
      await this.reload();
      if (head && head.seq > (this.auditHead()?.seq ?? 0)) await this.setAuditHead(head);
      throw err;
    }
  }

  private async reload(): Promise<void> {
    await Promise.all([this.settingsDb.read(), this.metaDb.read(), this.registryDb.read(), this.exchangeDb.read()]);
    await Promise.all([this.cases.reload(), this.fieldVisits.reload(), this.householdVisits.reload()]);
  }

  exchange(): ExchangeState {
    const { schemaVersion: _version, ...state } = this.exchangeDb.data;
    return state;
  }

  async updateExchange(change: (current: ExchangeState) => ExchangeState): Promise<ExchangeState> {
    this.exchangeDb.data = { schemaVersion: CURRENT_SCHEMA_VERSION, ...change(this.exchange()) };
    await this.exchangeDb.write();
    return this.exchange();
  }

  /** Running numbers (read only): a backup carries them so a restored office never hands out a number again. */
  counters(): Readonly<Record<string, number>> {
    return this.metaDb.data.counters;
  }

  /** Restore only: raises counters to at least the given values. */
  async raiseCounters(counters: Record<string, number>): Promise<void> {
    for (const [key, value] of Object.entries(counters)) this.metaDb.data.counters[key] = Math.max(this.metaDb.data.counters[key] ?? 0, value);
    await this.metaDb.write();
  }

  /** Restore only: the 文号 registry of the backed-up office, into an empty one. */
  async restoreRegistry(entries: RegistryEntry[]): Promise<void> {
    this.registryDb.data.entries = entries;
    await this.registryDb.write();
  }

  /** The settings as last read or saved, without the file's schema version; see settings(). */
  private currentSettings: { data: SettingsDoc; settings: Settings } | null = null;

  /**
   * The stored objects themselves (not copies): callers cache by their identity, and a save replaces them. Made once
   * per stored version: a statistics pass over 50,000 cases asks for them several times a case.
   */
  settings(): Settings {
    const data = this.settingsDb.data;
    if (this.currentSettings?.data !== data) {
      const { schemaVersion: _version, ...settings } = data;
      this.currentSettings = { data, settings };
    }
    return this.currentSettings.settings;
  }

  async updateSettings(change: (current: Settings) => Settings): Promise<Settings> {
    const next = Settings.parse(change(this.settings()));
    this.settingsDb.data = { schemaVersion: CURRENT_SCHEMA_VERSION, ...next };
    await this.settingsDb.write();
    return this.settings();
  }

  auditHead(): { seq: number; hash: string } | null {
    return this.metaDb.data.auditHead;
  }

  async setAuditHead(head: { seq: number; hash: string }): Promise<void> {
    this.metaDb.data.auditHead = head;
    await this.metaDb.write();
  }

  registry(): readonly RegistryEntry[] {
    return this.registryDb.data.entries;
  }

  /** Adds or replaces (by 文号) an entry of the 文号 registry and saves it. */
  async recordDocNo(entry: RegistryEntry): Promise<void> {
    const entries = this.registryDb.data.entries.filter((e) => e.docNo !== entry.docNo);
    this.registryDb.data.entries = [...entries, entry];
    await this.registryDb.write();
  }

  /**
   * Reserves `count` consecutive numbers of a counter and saves the counter before returning the first,
   * so a number is never handed out twice, even if the caller then fails.
   */
  async takeNumbers(key: string, count = 1): Promise<number> {
    const first = (this.metaDb.data.counters[key] ?? 0) + 1;
    this.metaDb.data.counters[key] = first + count - 1;
    await this.metaDb.write();
    return first;
  }
}
