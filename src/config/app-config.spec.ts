import { describe, expect, it } from '@jest/globals';
import { ConfigError, loadConfig } from './app-config.js';

const key = Buffer.alloc(32, 7).toString('base64');

describe('loadConfig', () => {
  it('has development defaults', () => {
    const config = loadConfig({});
    expect(config).toMatchObject({
      NODE_ENV: 'development',
      PORT: 3000,
      DATA_DIR: '.data',
      DEMO_SEED: 'full',
      LOCKOUT_THRESHOLD: 5,
      LOCKOUT_MINUTES: 15,
    });
    expect(config.corsOrigins).toEqual([]);
  });

  it('reads numbers and lists from strings', () => {
    const config = loadConfig({ PORT: '8080', RATE_LIMIT_PER_MINUTE: '0', CORS_ORIGINS: 'https://a.example, https://b.example' });
    expect(config.PORT).toBe(8080);
    expect(config.RATE_LIMIT_PER_MINUTE).toBe(0);
    expect(config.corsOrigins).toEqual(['https://a.example', 'https://b.example']);
  });

  it('lists every bad setting at once', () => {
    try {
      loadConfig({ PORT: 'eighty', DEMO_SEED: 'lots', PII_KEY: 'short', DATABASE_URL: 'mysql://x', JWT_SECRET: 'too-short' });
      throw new Error('expected a ConfigError');
    } catch (error) {
      expect(error).toBeInstanceOf(ConfigError);
      const message = (error as ConfigError).message;
      for (const name of ['PORT', 'DEMO_SEED', 'PII_KEY', 'DATABASE_URL', 'JWT_SECRET']) expect(message).toContain(name);
    }
  });

  it('refuses to start in production without secrets or a database', () => {
    expect(() => loadConfig({ NODE_ENV: 'production' })).toThrow(
      /JWT_SECRET is required[\s\S]*PII_KEY is required[\s\S]*PII_HASH_KEY is required[\s\S]*DATABASE_URL is required[\s\S]*PUBLIC_BASE_URL is required/,
    );
  });

  it('starts in production with every secret set', () => {
    const config = loadConfig({
      NODE_ENV: 'production',
      JWT_SECRET: 's'.repeat(40),
      PII_KEY: key,
      PII_HASH_KEY: key,
      DATABASE_URL: 'postgres://u@db:5432/ef',
      PUBLIC_BASE_URL: 'https://ef.example.org/',
    });
    expect(config.isProduction).toBe(true);
    expect(config.publicBaseUrl).toBe('https://ef.example.org');
    expect(config.piiKey).toHaveLength(32);
  });

  it('defaults the public address to the local port and refuses one with a query', () => {
    expect(loadConfig({ PORT: '4100' }).publicBaseUrl).toBe('http://localhost:4100');
    expect(() => loadConfig({ PUBLIC_BASE_URL: 'https://ef.example.org/?x=1' })).toThrow(/PUBLIC_BASE_URL must be an http\(s\) URL/);
  });

  it('trusts only loopback proxies by default, and reads TRUST_PROXY as hops or a list of addresses and ranges', () => {
    expect(loadConfig({}).trustProxy).toEqual(['loopback']);
    expect(loadConfig({ TRUST_PROXY: '1' }).trustProxy).toBe(1);
    expect(loadConfig({ TRUST_PROXY: '10.0.0.0/8, 192.168.1.7,loopback,fd00::/8' }).trustProxy).toEqual([
      '10.0.0.0/8',
      '192.168.1.7',
      'loopback',
      'fd00::/8',
    ]);
    for (const bad of ['everyone', 'true', '10.0.0.0/33', '300.1.1.1', '11', '10.0.0.1,', '*']) {
      expect(() => loadConfig({ TRUST_PROXY: bad })).toThrow(/TRUST_PROXY must be a number of proxy hops/);
    }
  });
});
