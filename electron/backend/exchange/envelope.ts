import { createHash, createPrivateKey, createPublicKey, diffieHellman, generateKeyPairSync, hkdfSync, randomBytes, sign, verify, type KeyObject } from 'node:crypto';
import { z } from 'zod';
import { Id } from '../../../shared/domain/case.js';
import { BUNDLE_KINDS, formatFingerprint, type ExchangeState, type OfficeKeyFile } from '../../../shared/domain/exchange.js';
import { AppError } from '../../../shared/errors.js';
import { decrypt, deriveKey, encrypt, KdfParams, newKdfParams, newKey, unwrap, wrap, Wrapped, type DEFAULT_KDF } from '../security/crypto.js';

/**
 * The outside of a bundle file (.xfb):
 *   "XFB1" | u32 header length | header (JSON) | payload (AES-256-GCM: "XFE1" | iv | tag | ciphertext) | signature (64)
 * The Ed25519 signature covers every byte before it (via its SHA-256), so it is checked — against the key the
 * office trusted — before anything is decrypted or unpacked. The payload key is wrapped for a passphrase (scrypt)
 * and/or for the recipient office (X25519 + HKDF-SHA256).
 */
const MAGIC = Buffer.from('XFB1');
const SIGNATURE_BYTES = 64;
const MAX_HEADER_BYTES = 64 * 1024;
const SIGNED_CONTEXT = 'xinfang-bundle/1';

export type OfficeIdentity = NonNullable<ExchangeState['identity']>;

export const EnvelopeHeader = z.object({
  format: z.literal(1),
  kind: z.enum(BUNDLE_KINDS),
  bundleId: Id,
  sender: z.object({ officeId: Id, name: z.string().max(80), signingKey: z.string().max(200), agreementKey: z.string().max(200) }),
  recipient: z.object({ officeId: Id, name: z.string().max(80) }),
  seq: z.number().int().positive(),
  createdAt: z.string().max(40),
  payloadBytes: z.number().int().nonnegative(),
  encryption: z.object({
    passphrase: z.object({ kdf: KdfParams, key: Wrapped }).nullable(),
    recipient: z.object({ ephemeralKey: z.string().max(200), salt: z.string().max(64), key: Wrapped }).nullable(),
  }),
});
export type EnvelopeHeader = z.infer<typeof EnvelopeHeader>;

const der = (key: KeyObject, type: 'spki' | 'pkcs8') => key.export({ format: 'der', type }).toString('base64');
const publicKeyOf = (base64: string) => createPublicKey({ key: Buffer.from(base64, 'base64'), format: 'der', type: 'spki' });
const privateKeyOf = (base64: string) => createPrivateKey({ key: Buffer.from(base64, 'base64'), format: 'der', type: 'pkcs8' });

export function newOfficeIdentity(officeId: string, createdAt: string): OfficeIdentity {
  const signing = generateKeyPairSync('ed25519');
  const agreement = generateKeyPairSync('x25519');
  return {
    officeId,
    createdAt,
    signing: { publicKey: der(signing.publicKey, 'spki'), privateKey: der(signing.privateKey, 'pkcs8') },
    agreement: { publicKey: der(agreement.publicKey, 'spki'), privateKey: der(agreement.privateKey, 'pkcs8') },
  };
}

/** The fingerprint both offices compare by phone before trusting a key file. */
export function fingerprintOf(keys: { signingKey: string; agreementKey: string }): string {
  return formatFingerprint(createHash('sha256').update(`${keys.signingKey}\n${keys.agreementKey}`).digest('hex'));
}

export function keyFileOf(identity: OfficeIdentity, name: string): OfficeKeyFile {
  return { format: 'xinfang-office-key/1', officeId: identity.officeId, name, signingKey: identity.signing.publicKey, agreementKey: identity.agreement.publicKey, createdAt: identity.createdAt };
}

/** Checks that a key file's keys are real Ed25519 / X25519 public keys. */
export function checkKeyFile(file: OfficeKeyFile): void {
  try {
    if (publicKeyOf(file.signingKey).asymmetricKeyType !== 'ed25519' || publicKeyOf(file.agreementKey).asymmetricKeyType !== 'x25519') throw new Error('wrong key types');
  } catch (err) {
    throw new AppError('INVALID_INPUT', '密钥文件中的公钥无效', (err as Error).message);
  }
}

function recipientKek(shared: Buffer, salt: Buffer, ephemeral: string, recipient: string): Buffer {
  return Buffer.from(hkdfSync('sha256', shared, salt, `xinfang-bundle-key/1|${ephemeral}|${recipient}`, 32));
}

export interface SealOptions {
  header: Omit<EnvelopeHeader, 'format' | 'payloadBytes' | 'encryption'>;
  identity: OfficeIdentity;
  /** Encrypt for this passphrase (anyone who knows it may open the bundle). */
  passphrase?: string;
  /** Encrypt for this office's agreement key (only that office may open the bundle). */
  recipientAgreementKey?: string;
  kdfCost?: Partial<typeof DEFAULT_KDF>;
}

/** Encrypts, then signs the exact bytes written. */
export async function sealEnvelope(inner: Buffer, options: SealOptions): Promise<Buffer> {
  if (!options.passphrase && !options.recipientAgreementKey) throw new AppError('INVALID_INPUT', '须设置交换口令或选择接收机关（用对方公钥加密）');
  const contentKey = newKey();
  let passphrase: EnvelopeHeader['encryption']['passphrase'] = null;
  if (options.passphrase) {
    const kdf = newKdfParams(options.kdfCost);
    passphrase = { kdf, key: wrap(contentKey, await deriveKey(options.passphrase, kdf)) };
  }
  let recipient: EnvelopeHeader['encryption']['recipient'] = null;
  if (options.recipientAgreementKey) {
    const ephemeral = generateKeyPairSync('x25519');
    const shared = diffieHellman({ privateKey: ephemeral.privateKey, publicKey: publicKeyOf(options.recipientAgreementKey) });
    const salt = randomBytes(16);
    const ephemeralKey = der(ephemeral.publicKey, 'spki');
    recipient = { ephemeralKey, salt: salt.toString('base64'), key: wrap(contentKey, recipientKek(shared, salt, ephemeralKey, options.recipientAgreementKey)) };
  }
  const payload = encrypt(inner, contentKey);
  const header: EnvelopeHeader = { ...options.header, format: 1, payloadBytes: payload.length, encryption: { passphrase, recipient } };
  const headerBytes = Buffer.from(JSON.stringify(header), 'utf8');
  const length = Buffer.alloc(4);
  length.writeUInt32BE(headerBytes.length);
  const signed = Buffer.concat([MAGIC, length, headerBytes, payload]);
  const signature = sign(null, signedDigest(signed), privateKeyOf(options.identity.signing.privateKey));
  return Buffer.concat([signed, signature]);
}

function signedDigest(signed: Buffer): Buffer {
  return Buffer.concat([Buffer.from(SIGNED_CONTEXT), createHash('sha256').update(signed).digest()]);
}

export interface OpenedEnvelope {
  header: EnvelopeHeader;
  payload: Buffer;
  signed: Buffer;
  signature: Buffer;
  /** SHA-256 of the whole file: what a receipt acknowledges. */
  hash: string;
}

const refused = (message: string, detail: string) => new AppError('INVALID_INPUT', message, detail);

/** Reads the frame and the header only; the payload stays encrypted and unverified. */
export function readEnvelope(bytes: Buffer): OpenedEnvelope {
  if (bytes.length < 8 + SIGNATURE_BYTES || !bytes.subarray(0, 4).equals(MAGIC)) throw refused('所选文件不是交换包（.xfb）或已损坏', 'bad magic or too short');
  const headerLength = bytes.readUInt32BE(4);
  if (headerLength > MAX_HEADER_BYTES || 8 + headerLength + SIGNATURE_BYTES > bytes.length) throw refused('交换包已损坏或被篡改，已拒绝导入', `header length ${headerLength}`);
  let header: EnvelopeHeader;
  try {
    header = EnvelopeHeader.parse(JSON.parse(bytes.toString('utf8', 8, 8 + headerLength)));
  } catch (err) {
    throw refused('交换包已损坏或被篡改，已拒绝导入', `header: ${(err as Error).message.slice(0, 200)}`);
  }
  if (8 + headerLength + header.payloadBytes + SIGNATURE_BYTES !== bytes.length) throw refused('交换包已损坏或不完整（长度不符），已拒绝导入', 'length mismatch');
  const signedEnd = bytes.length - SIGNATURE_BYTES;
  return {
    header,
    payload: bytes.subarray(8 + headerLength, signedEnd),
    signed: bytes.subarray(0, signedEnd),
    signature: bytes.subarray(signedEnd),
    hash: createHash('sha256').update(bytes).digest('hex'),
  };
}

/** The signature against the key this office trusted for the sender; a mismatch refuses the bundle. */
export function verifyEnvelope(envelope: OpenedEnvelope, signingKey: string): void {
  let good: boolean;
  try {
    good = verify(null, signedDigest(envelope.signed), publicKeyOf(signingKey), envelope.signature);
  } catch {
    good = false;
  }
  if (!good) throw refused('交换包签名校验失败：文件已被修改或并非该机关签发，已拒绝导入', `signature of bundle ${envelope.header.bundleId} does not verify`);
}

/** Only after the signature has been verified. */
export async function decryptEnvelope(envelope: OpenedEnvelope, keys: { passphrase?: string; agreementPrivateKey?: string; agreementPublicKey?: string }): Promise<Buffer> {
  const { encryption } = envelope.header;
  let contentKey: Buffer | null = null;
  if (encryption.recipient && keys.agreementPrivateKey && keys.agreementPublicKey) {
    try {
      const shared = diffieHellman({ privateKey: privateKeyOf(keys.agreementPrivateKey), publicKey: publicKeyOf(encryption.recipient.ephemeralKey) });
      const kek = recipientKek(shared, Buffer.from(encryption.recipient.salt, 'base64'), encryption.recipient.ephemeralKey, keys.agreementPublicKey);
      contentKey = unwrap(encryption.recipient.key, kek);
    } catch {
      contentKey = null;
    }
  }
  if (!contentKey && encryption.passphrase) {
    if (!keys.passphrase) throw new AppError('BAD_CREDENTIALS', '该交换包以口令加密，请输入交换口令');
    try {
      contentKey = unwrap(encryption.passphrase.key, await deriveKey(keys.passphrase, encryption.passphrase.kdf));
    } catch {
      throw new AppError('BAD_CREDENTIALS', '交换口令不正确，未导入任何内容');
    }
  }
  if (!contentKey) throw new AppError('FORBIDDEN', '该交换包不是发给本机关的（无法用本机关密钥解开），未导入任何内容');
  try {
    return decrypt(envelope.payload, contentKey);
  } catch {
    throw refused('交换包内容解密失败（文件已被修改），已拒绝导入', 'payload failed to decrypt after a good signature');
  }
}
