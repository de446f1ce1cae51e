// Types of scripts/fuses.mjs for the TypeScript tests.
export declare const SENTINEL: string;
export declare const FUSE_INDEX: Readonly<Record<
  | 'runAsNode'
  | 'enableCookieEncryption'
  | 'enableNodeOptionsEnvironmentVariable'
  | 'enableNodeCliInspectArguments'
  | 'enableEmbeddedAsarIntegrityValidation'
  | 'onlyLoadAppFromAsar'
  | 'loadBrowserProcessSpecificV8Snapshot'
  | 'grantFileProtocolExtraPrivileges'
  | 'wasmTrapHandlers',
  number
>>;
export type FuseState = 'enabled' | 'disabled' | 'removed' | 'unknown';
export declare function planFuseWrite(binary: Uint8Array, fuses: Record<string, unknown>): { position: number; bytes: Uint8Array; removed: string[] };
export declare function readFuses(binary: Uint8Array): Record<string, FuseState>;
export declare function flipFusesInFile(file: string, fuses: Record<string, boolean>): Promise<Record<string, FuseState>>;
export declare function packagedBinary(context: { appOutDir: string; electronPlatformName: string; packager: unknown }): string;
export declare function fusesAfterPack(fuses: Record<string, boolean>): (context: unknown) => Promise<void>;
