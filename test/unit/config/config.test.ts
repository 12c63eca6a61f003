import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { ConfigError, parseConfig } from '../../../src/config/config.js';

describe('config', () => {
  it('has the LocalStack-compatible defaults', () => {
    const c = parseConfig([], {});
    assert.equal(c.port, 4566);
    assert.equal(c.accountId, '000000000000');
    assert.equal(c.region, 'us-east-1');
    assert.equal(c.profile, 'development');
    assert.equal(c.inMemory, false);
    assert.match(c.dataDir, /\/\.warden$/);
  });

  it('reads flags in both forms, and env where flags are silent', () => {
    const c = parseConfig(['--port=5000', '--account-id', '123456789012', '--in-memory', '--secure'], { WARDEN_REGION: 'eu-west-1', WARDEN_PORT: '1' });
    assert.equal(c.port, 5000);
    assert.equal(c.accountId, '123456789012');
    assert.equal(c.region, 'eu-west-1');
    assert.equal(c.inMemory, true);
    assert.equal(c.profile, 'secure');
  });

  it('CloudTrail Insights: 7-day baseline and 1-minute periods by default; the baseline holds at least one period', () => {
    const d = parseConfig([], {});
    assert.deepEqual([d.insightsBaselineSeconds, d.insightsPeriodSeconds], [604_800, 60]);
    const c = parseConfig(['--insights-baseline', '4', '--insights-period=1'], {});
    assert.deepEqual([c.insightsBaselineSeconds, c.insightsPeriodSeconds], [4, 1]);
    assert.equal(parseConfig([], { WARDEN_INSIGHTS_BASELINE: '120' }).insightsBaselineSeconds, 120);
    assert.throws(() => parseConfig(['--insights-baseline', '30'], {}), /--insights-baseline \(30\) must be at least --insights-period \(60\)/);
    assert.throws(() => parseConfig(['--insights-period', '0'], {}), /--insights-period/);
  });

  it('keeps WARDEN_ROOT_KEY out of the flags and in rootKeyEnv', () => {
    assert.equal(parseConfig([], { WARDEN_ROOT_KEY: 'abc' }).rootKeyEnv, 'abc');
  });

  it('refuses bad values with a message naming the option', () => {
    assert.throws(() => parseConfig(['--port', 'x'], {}), (e: unknown) => e instanceof ConfigError && /--port/.test(e.message));
    assert.throws(() => parseConfig(['--account-id', '123'], {}), /12 digits/);
    assert.throws(() => parseConfig(['--region', 'mars'], {}), /region/);
    assert.throws(() => parseConfig(['--nope'], {}), /unknown option '--nope'/);
    assert.throws(() => parseConfig(['--port'], {}), /needs a value/);
    assert.throws(() => parseConfig(['--in-memory=maybe'], {}), /true or false/);
  });

  it('turns TLS on with --tls, WARDEN_TLS or a certificate pair, and wants both files or neither', () => {
    assert.equal(parseConfig([], {}).tls, false);
    assert.equal(parseConfig(['--tls'], {}).tls, true);
    assert.equal(parseConfig([], { WARDEN_TLS: 'true' }).tls, true);
    const c = parseConfig(['--tls-cert', 'c.pem'], { WARDEN_TLS_KEY: 'k.pem' });
    assert.equal(c.tls, true);
    assert.match(c.tlsCertFile!, /\/c\.pem$/);
    assert.match(c.tlsKeyFile!, /\/k\.pem$/);
    assert.throws(() => parseConfig(['--tls-cert', 'c.pem'], {}), (e: unknown) => e instanceof ConfigError && /go together/.test(e.message));
    assert.throws(() => parseConfig(['--tls=false', '--tls-cert', 'c.pem', '--tls-key', 'k.pem'], {}), ConfigError);
  });
});
