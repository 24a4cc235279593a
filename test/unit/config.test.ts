import os from 'node:os';
import path from 'node:path';
import { ConfigError, defaultCacheDir, loadConfig } from '../../src/config';

describe('loadConfig', () => {
  test('when nothing is set, then embedded defaults apply and no external server is assumed', () => {
    const c = loadConfig({ HOME: '/home/x' }, '/srv/app');
    expect(c.env).toBe('development');
    expect(c.http).toEqual({ host: '127.0.0.1', port: 3000 });
    expect(c.dataDir).toBe('/srv/app/.data');
    expect(c.temporal).toMatchObject({
      address: undefined,
      namespace: 'default',
      taskQueue: 'initiatives',
      port: 7233,
      uiPort: 8233,
    });
    expect(c.mongo).toEqual({ uri: undefined, dbName: 'sangkien', engine: 'auto', port: 27017 });
    expect(c.serverStartTimeoutMs).toBe(60_000);
  });

  test('when external servers and a data folder are given, then they are used as given', () => {
    const c = loadConfig(
      {
        TEMPORAL_ADDRESS: 'temporal:7233',
        MONGODB_URI: 'mongodb://db:27017/?replicaSet=rs0',
        DATA_DIR: '/var/lib/sang-kien',
        PORT: '8080',
        HOST: '0.0.0.0',
        MONGODB_ENGINE: 'ferretdb',
      },
      '/srv/app',
    );
    expect(c.temporal.address).toBe('temporal:7233');
    expect(c.mongo.uri).toBe('mongodb://db:27017/?replicaSet=rs0');
    expect(c.mongo.engine).toBe('ferretdb');
    expect(c.dataDir).toBe('/var/lib/sang-kien');
    expect(c.http).toEqual({ host: '0.0.0.0', port: 8080 });
  });

  test('when a variable is set to an empty string, then it counts as unset', () => {
    const c = loadConfig({ TEMPORAL_ADDRESS: '', MONGODB_URI: '  ' });
    expect(c.temporal.address).toBeUndefined();
    expect(c.mongo.uri).toBeUndefined();
  });

  test('when several variables are invalid, then one error names each of them', () => {
    expect.assertions(4);
    try {
      loadConfig({ PORT: '70000', MONGODB_ENGINE: 'sqlite', LOG_LEVEL: 'loud' });
    } catch (err) {
      expect(err).toBeInstanceOf(ConfigError);
      const message = (err as Error).message;
      expect(message).toContain('PORT');
      expect(message).toContain('MONGODB_ENGINE');
      expect(message).toContain('LOG_LEVEL');
    }
  });

  test.each([
    ['TEMPORAL_ADDRESS', 'http://temporal:7233', /host:port/],
    ['TEMPORAL_ADDRESS', 'temporal', /host:port/],
    ['MONGODB_URI', 'postgres://db/x', /mongodb:\/\//],
    ['PORT', 'abc', /PORT/],
    ['MONGODB_DB', 'a/b', /MONGODB_DB/],
  ])('when %s is %p, then start-up fails with a clear message', (name, value, message) => {
    expect(() => loadConfig({ [name]: value })).toThrow(message);
  });

  test('when CACHE_DIR is not set, then the cache lives outside the repo under XDG_CACHE_HOME or ~/.cache', () => {
    expect(defaultCacheDir({ XDG_CACHE_HOME: '/tmp/xdg' })).toBe('/tmp/xdg/sang-kien');
    expect(defaultCacheDir({})).toBe(path.join(os.homedir(), '.cache', 'sang-kien'));
    expect(loadConfig({ CACHE_DIR: 'cache' }, '/srv/app').cacheDir).toBe('/srv/app/cache');
  });
});
