import { createHmac } from 'node:crypto';
import { deflateRawSync, inflateRawSync } from 'node:zlib';
import type { FileCodec } from '../store/document.js';
import { decrypt, encrypt, isEncrypted } from './crypto.js';

/** Separate keys for separate jobs, all derived from the one data key; files use AES-128-GCM (see crypto.ts). */
export function subKey(dataKey: Buffer, purpose: 'files' | 'names'): Buffer {
  const key = createHmac('sha256', dataKey).update(`xinfang:${purpose}`).digest();
  return purpose === 'files' ? key.subarray(0, 16) : key;
}

const DEFLATED = Buffer.from([0]);

/**
 * Store files encrypted with the data key. A plain (pre-encryption) file is accepted only while migrating an
 * old data directory; `sawPlain` tells the store it must rewrite everything encrypted.
 */
export function encryptedCodec(fileKey: Buffer, options: { acceptPlain?: boolean } = {}): FileCodec & { sawPlain: boolean } {
  const codec = {
    sawPlain: false,
    authenticated: !options.acceptPlain,
    // Compressed before encryption (a zero byte, then raw deflate): a sixth of the bytes to decrypt and read.
    encode: (text: string | Buffer) => encrypt(Buffer.concat([DEFLATED, deflateRawSync(typeof text === 'string' ? Buffer.from(text, 'utf8') : text, { level: 1 })]), fileKey),
    decode: (bytes: Buffer) => {
      if (isEncrypted(bytes)) {
        const plain = decrypt(bytes, fileKey);
        // Files written before compression hold the JSON text itself, which never starts with a zero byte.
        return (plain[0] === DEFLATED[0] ? inflateRawSync(plain.subarray(1)) : plain).toString('utf8');
      }
      if (!options.acceptPlain) throw new Error('文件未加密（可能被替换）');
      codec.sawPlain = true;
      return bytes.toString('utf8');
    },
  };
  return codec;
}
