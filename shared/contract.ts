import { z } from 'zod';
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
} as const satisfies Record<string, { input: z.ZodType; output: z.ZodType }>;

export const events = {
  'settings.changed': Settings,
  'store.recovered': z.object({ file: z.string(), from: z.string(), reason: z.string() }),
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
