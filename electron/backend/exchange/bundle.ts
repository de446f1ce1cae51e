import { createHash } from 'node:crypto';
import { z } from 'zod';
import { Id, ReporterInput } from '../../../shared/domain/case.js';
import { BUNDLE_KINDS } from '../../../shared/domain/exchange.js';
import { AppError } from '../../../shared/errors.js';
import { DEFAULT_LIMITS, packEntries, unpackEntries, type ContainerLimits } from './container.js';
import { decryptEnvelope, readEnvelope, sealEnvelope, verifyEnvelope, type EnvelopeHeader, type OpenedEnvelope, type SealOptions } from './envelope.js';
import { ExchangedCase } from './merge.js';

/**
 * A bundle's content: manifest.json (who, to whom, which number, when, and the SHA-256 of every other entry),
 * the cases in parts of up to 1000, the reporters' identities when included, and the attachment files by hash.
 */
export const CASES_PER_PART = 1000;

const Manifest = z.object({
  format: z.literal(1),
  kind: z.enum(BUNDLE_KINDS),
  bundleId: Id,
  sender: Id,
  recipient: Id,
  seq: z.number().int().positive(),
  createdAt: z.string(),
  caseCount: z.number().int().nonnegative(),
  includesIdentity: z.boolean(),
  entries: z.array(z.object({ name: z.string(), sha256: z.string(), size: z.number().int() })),
});
type Manifest = z.infer<typeof Manifest>;

export const Identities = z.record(z.string(), ReporterInput);

const sha256 = (bytes: Buffer) => createHash('sha256').update(bytes).digest('hex');
const json = (value: unknown) => Buffer.from(JSON.stringify(value), 'utf8');

export function caseParts(cases: ExchangedCase[]): Map<string, Buffer> {
  const parts = new Map<string, Buffer>();
  for (let i = 0; i < cases.length; i += CASES_PER_PART) parts.set(`cases/${String(i / CASES_PER_PART).padStart(4, '0')}.json`, json(cases.slice(i, i + CASES_PER_PART)));
  return parts;
}

export interface BundleContent {
  caseCount: number;
  includesIdentity: boolean;
  /** Entries other than the manifest. */
  entries: Map<string, Buffer>;
}

export async function writeBundle(seal: SealOptions, content: BundleContent): Promise<Buffer> {
  const { header } = seal;
  const manifest: Manifest = {
    format: 1,
    kind: header.kind,
    bundleId: header.bundleId,
    sender: header.sender.officeId,
    recipient: header.recipient.officeId,
    seq: header.seq,
    createdAt: header.createdAt,
    caseCount: content.caseCount,
    includesIdentity: content.includesIdentity,
    entries: [...content.entries].map(([name, bytes]) => ({ name, sha256: sha256(bytes), size: bytes.length })),
  };
  const packed = await packEntries(new Map([['manifest.json', json(manifest)], ...content.entries]));
  return sealEnvelope(packed, seal);
}

export interface OpenedBundle {
  header: EnvelopeHeader;
  /** SHA-256 of the whole file. */
  hash: string;
  manifest: Manifest;
  entries: Map<string, Buffer>;
}

const tampered = (detail: string) => new AppError('INVALID_INPUT', '交换包内容与其清单不符（可能被篡改），已拒绝导入', detail);

export interface OpenOptions {
  /** Decides whether the sender is trusted and returns the signing key to verify with; throws to refuse. */
  signingKeyFor(header: EnvelopeHeader): string;
  /** Checks the header once the signature is known good (recipient, sequence number); throws to refuse. */
  checkHeader?(header: EnvelopeHeader, envelope: OpenedEnvelope): void;
  passphrase?: string;
  agreement?: { privateKey: string; publicKey: string };
  limits?: ContainerLimits;
}

/** Signature first, then the header checks, then decryption, unpacking within bounds and the manifest's hashes. */
export async function openBundle(bytes: Buffer, options: OpenOptions): Promise<OpenedBundle> {
  const envelope = readEnvelope(bytes);
  verifyEnvelope(envelope, options.signingKeyFor(envelope.header));
  options.checkHeader?.(envelope.header, envelope);
  const inner = await decryptEnvelope(envelope, { passphrase: options.passphrase, agreementPrivateKey: options.agreement?.privateKey, agreementPublicKey: options.agreement?.publicKey });
  const entries = await unpackEntries(inner, options.limits ?? DEFAULT_LIMITS);
  const manifestBytes = entries.get('manifest.json');
  if (!manifestBytes) throw tampered('no manifest');
  entries.delete('manifest.json');
  let manifest: Manifest;
  try {
    manifest = Manifest.parse(JSON.parse(manifestBytes.toString('utf8')));
  } catch (err) {
    throw tampered(`manifest: ${(err as Error).message.slice(0, 200)}`);
  }
  const { header } = envelope;
  if (manifest.bundleId !== header.bundleId || manifest.kind !== header.kind || manifest.seq !== header.seq || manifest.sender !== header.sender.officeId || manifest.recipient !== header.recipient.officeId) {
    throw tampered('manifest disagrees with the header');
  }
  if (manifest.entries.length !== entries.size) throw tampered('entry count differs from the manifest');
  for (const listed of manifest.entries) {
    const entry = entries.get(listed.name);
    if (!entry || entry.length !== listed.size || sha256(entry) !== listed.sha256) throw tampered(`entry ${listed.name} differs from the manifest`);
  }
  return { header, hash: envelope.hash, manifest, entries };
}

export function parseEntry<T>(bundle: OpenedBundle, name: string, schema: z.ZodType<T>): T {
  const bytes = bundle.entries.get(name);
  if (!bytes) throw tampered(`missing ${name}`);
  try {
    return schema.parse(JSON.parse(bytes.toString('utf8')));
  } catch (err) {
    throw new AppError('INVALID_INPUT', '交换包中的数据格式有误（可能来自不兼容的版本），未导入任何内容', `${name}: ${(err as Error).message.slice(0, 300)}`);
  }
}

/** The cases of one part, or of the whole bundle (checked against the manifest's count). */
export function casesOf(bundle: OpenedBundle, part?: string): ExchangedCase[] {
  if (part) return parseEntry(bundle, part, z.array(ExchangedCase));
  const names = [...bundle.entries.keys()].filter((n) => n.startsWith('cases/')).sort();
  const cases = names.flatMap((name) => parseEntry(bundle, name, z.array(ExchangedCase)));
  if (cases.length !== bundle.manifest.caseCount) throw tampered('case count differs from the manifest');
  return cases;
}

export function identitiesOf(bundle: OpenedBundle): Record<string, ReporterInput> {
  return bundle.manifest.includesIdentity ? parseEntry(bundle, 'identities.json', Identities) : {};
}

/** Attachment files by their SHA-256, each checked against its name. */
export function attachmentsOf(bundle: OpenedBundle): Map<string, Buffer> {
  const files = new Map<string, Buffer>();
  for (const [name, bytes] of bundle.entries) {
    if (!name.startsWith('attachments/')) continue;
    const hash = name.slice('attachments/'.length);
    if (sha256(bytes) !== hash) throw tampered(`attachment ${hash} content differs`);
    files.set(hash, bytes);
  }
  return files;
}
