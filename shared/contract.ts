import { z } from 'zod';
import { AttachmentMeta, CaseChanges, CaseDetail, CaseInput, Id, ReporterPerson } from './domain/case.js';
import { LedgerFilter, LedgerPage, LedgerQuery } from './domain/ledger.js';
import { OfficeSettings, Settings } from './domain/office.js';

/**
 * THE contract: every backend method with its input and output schema, and every event.
 * The renderer client, the preload allowlist, the Electron IPC handler and the HTTP routes derive from it.
 */
const Empty = z.object({}).strict();

export const AppInfo = z.object({
  productName: z.string(),
  version: z.string(),
  host: z.enum(['electron', 'web']),
  dataDir: z.string(),
  setUp: z.boolean(),
  /** Files recovered from backup at the last open: the user must be told. */
  recoveries: z.array(z.object({ file: z.string(), from: z.string(), reason: z.string() })),
});
export type AppInfo = z.infer<typeof AppInfo>;

export const contract = {
  'app.info': { input: Empty, output: AppInfo },
  'settings.get': { input: Empty, output: Settings },
  'settings.setupOffice': { input: OfficeSettings, output: Settings },
  'settings.updateOffice': { input: OfficeSettings, output: Settings },

  'cases.register': { input: CaseInput, output: CaseDetail },
  'cases.update': {
    /** expectedUpdatedAt guards against overwriting a change saved meanwhile in another window. */
    input: z.object({ id: Id, expectedUpdatedAt: z.string(), changes: CaseChanges }),
    output: CaseDetail,
  },
  'cases.get': { input: z.object({ id: Id }), output: CaseDetail },
  /** The reporter's identity in clear; recorded in the case history (and the audit log once users exist). */
  'cases.revealReporter': { input: z.object({ id: Id, reason: z.string().trim().min(2, '请说明查看原因').max(200) }), output: z.array(ReporterPerson) },
  'cases.ledger': { input: LedgerQuery, output: LedgerPage },
  'cases.exportLedger': { input: LedgerFilter, output: z.object({ fileName: z.string(), base64: z.string(), count: z.number().int() }) },
  'cases.regions': { input: Empty, output: z.array(z.string()) },

  /** Stores a scanned letter, photo or PDF by content hash; the returned reference goes into a case's attachments. */
  'attachments.upload': { input: z.object({ name: z.string().trim().min(1).max(200), base64: z.string().max(40 * 1024 * 1024) }), output: AttachmentMeta },
  'attachments.read': { input: z.object({ caseId: Id, attachmentId: Id }), output: z.object({ name: z.string(), mime: z.string(), base64: z.string() }) },

  /** Offered on first run in an empty office. */
  'demo.load': { input: z.object({ cases: z.number().int().min(1).max(2000).default(200) }), output: z.object({ created: z.number().int() }) },
} as const satisfies Record<string, { input: z.ZodType; output: z.ZodType }>;

export const events = {
  'settings.changed': Settings,
  'store.recovered': z.object({ file: z.string(), from: z.string(), reason: z.string() }),
  'cases.changed': z.object({ ids: z.array(z.string()) }),
} as const satisfies Record<string, z.ZodType>;

export type Contract = typeof contract;
export type Method = keyof Contract;
export type MethodInput<M extends Method> = z.input<Contract[M]['input']>;
export type ParsedInput<M extends Method> = z.output<Contract[M]['input']>;
export type MethodOutput<M extends Method> = z.output<Contract[M]['output']>;
export type EventName = keyof typeof events;
export type EventPayload<E extends EventName> = z.output<(typeof events)[E]>;

/** What the renderer calls: one async function per method. */
export type AppApi = { [M in Method]: (input: MethodInput<M>) => Promise<MethodOutput<M>> };

export const methodNames = Object.keys(contract) as Method[];
export const eventNames = Object.keys(events) as EventName[];

export function isMethod(name: unknown): name is Method {
  return typeof name === 'string' && Object.hasOwn(contract, name);
}
export function isEventName(name: unknown): name is EventName {
  return typeof name === 'string' && Object.hasOwn(events, name);
}

/** The one IPC channel for calls, and the one for events (Electron host). */
export const IPC_INVOKE_CHANNEL = 'xinfang:invoke';
export const IPC_EVENT_CHANNEL = 'xinfang:event';
/** HTTP host: POST {API_PREFIX}{method}; events on {API_PREFIX}events (server-sent events). */
export const API_PREFIX = '/api/';
export const TOKEN_HEADER = 'x-xinfang-token';
