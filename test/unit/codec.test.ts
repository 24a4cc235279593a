import crypto from 'node:crypto';
import { loadConfig } from '../../src/config';
import { EncryptionCodec, parseKeyRing } from '../../src/temporal/codec';

const key = (id: string) => `${id}:${crypto.randomBytes(32).toString('base64')}`;
const payload = (json: unknown) => ({
  metadata: { encoding: new TextEncoder().encode('json/plain') },
  data: new TextEncoder().encode(JSON.stringify(json)),
});

describe('payload encryption', () => {
  test('when a payload is encoded, then its data and metadata are ciphertext, and decoding restores both', async () => {
    const codec = new EncryptionCodec(parseKeyRing(key('k1')));
    const [sealed] = await codec.encode([payload({ summary: 'BIMAT-42' })]);
    expect(new TextDecoder().decode(sealed!.metadata!['encoding'])).toBe('binary/encrypted');
    expect(new TextDecoder().decode(sealed!.metadata!['encryption-key-id'])).toBe('k1');
    expect(Buffer.from(sealed!.data!).toString('latin1')).not.toContain('BIMAT-42');
    const [opened] = await codec.decode([sealed!]);
    expect(new TextDecoder().decode(opened!.metadata!['encoding'])).toBe('json/plain');
    expect(JSON.parse(new TextDecoder().decode(opened!.data))).toEqual({ summary: 'BIMAT-42' });
  });

  test('when keys rotate, then the new key encrypts and the old one still decrypts what it sealed', async () => {
    const old = key('2026');
    const [sealed] = await new EncryptionCodec(parseKeyRing(old)).encode([payload(1)]);
    const rotated = new EncryptionCodec(parseKeyRing(`${key('2027')},${old}`));
    expect((await rotated.decode([sealed!]))[0]!.data).toEqual(payload(1).data);
    const [fresh] = await rotated.encode([payload(2)]);
    expect(new TextDecoder().decode(fresh!.metadata!['encryption-key-id'])).toBe('2027');
  });

  test('when a payload was sealed with an unknown key or altered, then decoding fails instead of returning it', async () => {
    const a = new EncryptionCodec(parseKeyRing(key('a')));
    const [sealed] = await a.encode([payload('x')]);
    await expect(new EncryptionCodec(parseKeyRing(key('b'))).decode([sealed!])).rejects.toThrow(/key "a"/);
    const data = Buffer.from(sealed!.data!);
    data[20] = data[20]! ^ 1;
    await expect(a.decode([{ ...sealed!, data }])).rejects.toThrow(/authenticate/);
  });

  test('when a payload was written before encryption, then it passes through', async () => {
    const codec = new EncryptionCodec(parseKeyRing(key('k1')));
    expect(await codec.decode([payload('plain')])).toEqual([payload('plain')]);
  });

  test('when production runs without PAYLOAD_KEYS, or with a malformed one, then the configuration is refused', () => {
    const prod = { NODE_ENV: 'production', AUTH_SECRET: 'x'.repeat(32) };
    expect(() => loadConfig(prod)).toThrow(/PAYLOAD_KEYS: required in production/);
    expect(() => loadConfig({ ...prod, PAYLOAD_KEYS: 'k1:short' })).toThrow(
      /PAYLOAD_KEYS: expected id:key pairs/,
    );
    expect(loadConfig({ ...prod, PAYLOAD_KEYS: key('k1') }).payloadKeys).toMatch(/^k1:/);
  });
});
