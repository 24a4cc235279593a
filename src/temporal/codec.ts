/**
 * What Temporal stores is encrypted: every payload (workflow inputs, Update arguments and results, activity inputs
 * and results, query answers, memos) passes through this codec on its way to and from the server, in the worker, the
 * gateway's client, the tests and the operators' codec endpoint. AES-256-GCM; each payload names the key that
 * encrypted it, so keys can rotate (a new key first in PAYLOAD_KEYS encrypts, the older ones still decrypt).
 */
import crypto from 'node:crypto';
import type { DataConverter, Payload, PayloadCodec } from '@temporalio/common';
import { temporal } from '@temporalio/proto';
import type { Config } from '../config';
import { secretFile } from '../secret-file';

const ENCODING = 'binary/encrypted';
const KEY_ID = 'encryption-key-id';
const text = (s: string) => new TextEncoder().encode(s);
const str = (b: Uint8Array | null | undefined) => (b ? new TextDecoder().decode(b) : '');

/** Named keys; the first one encrypts. */
export type KeyRing = { id: string; key: Buffer }[];

/** Parses `id:base64,id:base64` (validated by the configuration's schema). */
export function parseKeyRing(spec: string): KeyRing {
  return spec.split(',').map((pair) => {
    const [id, b64] = pair.split(':') as [string, string];
    const key = Buffer.from(b64, 'base64');
    if (key.length !== 32) throw new Error(`payload key ${id} is not 32 bytes`);
    return { id, key };
  });
}

/** PAYLOAD_KEYS, or (embedded mode) a random key kept in the data folder, never in the repo. */
export function resolveKeyRing(config: Pick<Config, 'payloadKeys' | 'dataDir'>): KeyRing {
  return parseKeyRing(
    config.payloadKeys ??
      secretFile(config.dataDir, 'payload-keys', () => `local:${crypto.randomBytes(32).toString('base64')}`),
  );
}

/** Encrypts and decrypts whole payloads (their metadata too, so not even the encoding is left in the clear). */
export class EncryptionCodec implements PayloadCodec {
  constructor(private readonly keys: KeyRing) {
    if (keys.length === 0) throw new Error('no payload key');
  }

  /** Node's cipher is synchronous; a failure (an unknown key, altered data) rejects the promise. */
  private each(payloads: Payload[], f: (p: Payload) => Payload): Promise<Payload[]> {
    return Promise.all(payloads.map((p) => Promise.resolve(p).then(f)));
  }

  encode(payloads: Payload[]): Promise<Payload[]> {
    const { id, key } = this.keys[0]!;
    return this.each(payloads, (payload) => {
      const iv = crypto.randomBytes(12);
      const cipher = crypto.createCipheriv('aes-256-gcm', key, iv);
      const plain = temporal.api.common.v1.Payload.encode(payload).finish();
      const sealed = Buffer.concat([iv, cipher.update(plain), cipher.final(), cipher.getAuthTag()]);
      return { metadata: { encoding: text(ENCODING), [KEY_ID]: text(id) }, data: sealed };
    });
  }

  decode(payloads: Payload[]): Promise<Payload[]> {
    return this.each(payloads, (payload) => {
      // Payloads written before encryption (and the recorded test histories) pass through as they are.
      if (str(payload.metadata?.['encoding']) !== ENCODING) return payload;
      const id = str(payload.metadata?.[KEY_ID]);
      const key = this.keys.find((k) => k.id === id)?.key;
      if (!key) throw new Error(`payload encrypted with key "${id}", which is not in PAYLOAD_KEYS`);
      const data = Buffer.from(payload.data ?? []);
      const decipher = crypto.createDecipheriv('aes-256-gcm', key, data.subarray(0, 12));
      decipher.setAuthTag(data.subarray(data.length - 16));
      const plain = Buffer.concat([decipher.update(data.subarray(12, data.length - 16)), decipher.final()]);
      return temporal.api.common.v1.Payload.decode(plain);
    });
  }
}

/** The data converter of every Temporal client and worker of the product. */
export function dataConverterFor(config: Pick<Config, 'payloadKeys' | 'dataDir'>): DataConverter {
  return { payloadCodecs: [new EncryptionCodec(resolveKeyRing(config))] };
}
