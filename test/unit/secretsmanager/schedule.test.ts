import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { parseConfig } from '../../../src/config/config.js';
import { functionName, resolveExecutor } from '../../../src/services/secretsmanager/rotation/executor.js';
import { passwordRules, rotatedValue } from '../../../src/services/secretsmanager/rotation/builtin.js';
import { isPublic } from '../../../src/iam/policy/public.js';
import { nextWindow, parseRules, SCHEDULE_MESSAGES } from '../../../src/services/secretsmanager/schedule.js';

const at = (iso: string): number => Date.parse(iso);
const iso = (ms: number): string => new Date(ms).toISOString();

describe('secretsmanager rotation schedules', () => {
  it('AutomaticallyAfterDays / rate(N days): N days after the last rotation, window = that UTC day', () => {
    for (const rules of [{ AutomaticallyAfterDays: 30 }, { ScheduleExpression: 'rate(30 days)' }]) {
      const s = parseRules(rules)!;
      const w = nextWindow(s, at('2026-03-01T10:00:00Z'), at('2026-03-01T10:00:00Z'));
      assert.equal(iso(w.startMs), '2026-03-31T00:00:00.000Z');
      assert.equal(iso(w.endMs), '2026-04-01T00:00:00.000Z');
    }
    const d = parseRules({ ScheduleExpression: 'rate(1 day)', Duration: '3h' })!;
    assert.equal(iso(nextWindow(d, at('2026-03-01T10:00:00Z'), at('2026-03-01T10:00:00Z')).endMs), '2026-03-02T03:00:00.000Z');
  });

  it('rate(N hours): windows from midnight every N hours, one hour long by default', () => {
    const s = parseRules({ ScheduleExpression: 'rate(6 hours)' })!;
    const w = nextWindow(s, at('2026-03-01T13:30:00Z'), at('2026-03-01T13:30:00Z'));
    assert.equal(iso(w.startMs), '2026-03-01T18:00:00.000Z');
    assert.equal(iso(w.endMs), '2026-03-01T19:00:00.000Z');
    assert.equal(iso(nextWindow(s, at('2026-03-01T23:30:00Z'), 0).startMs), '2026-03-02T00:00:00.000Z');
  });

  it('cron: day-of-month, day-of-week names, last day of month', () => {
    const s = parseRules({ ScheduleExpression: 'cron(0 16 1,15 * ? *)', Duration: '2h' })!;
    assert.equal(iso(nextWindow(s, at('2026-03-01T17:00:00Z'), 0).startMs), '2026-03-15T16:00:00.000Z');
    const mon = parseRules({ ScheduleExpression: 'cron(0 4 ? * MON *)' })!;
    const w = nextWindow(mon, at('2026-03-04T00:00:00Z'), 0); // a Wednesday
    assert.equal(iso(w.startMs), '2026-03-09T04:00:00.000Z');
    assert.equal(iso(w.endMs), '2026-03-10T00:00:00.000Z', 'a daily cron window closes at the end of the UTC day');
    const last = parseRules({ ScheduleExpression: 'cron(0 0 L * ? *)' })!;
    assert.equal(iso(nextWindow(last, at('2026-02-10T00:00:00Z'), 0).startMs), '2026-02-28T00:00:00.000Z');
  });

  it('refuses what AWS refuses, with its messages', () => {
    const refuse = (rules: object, message: string) => assert.throws(() => parseRules(rules), { name: 'InvalidParameterException', message });
    refuse({ AutomaticallyAfterDays: 1, ScheduleExpression: 'rate(1 day)' }, SCHEDULE_MESSAGES.both);
    refuse({ ScheduleExpression: 'rate(3 hours)' }, SCHEDULE_MESSAGES.rateHours);
    refuse({ ScheduleExpression: 'rate(24 hours)' }, SCHEDULE_MESSAGES.rateHours);
    refuse({ ScheduleExpression: 'rate(0 days)' }, SCHEDULE_MESSAGES.rateDays);
    refuse({ ScheduleExpression: 'rate(5 minutes)' }, SCHEDULE_MESSAGES.invalid);
    refuse({ ScheduleExpression: 'cron(0 1 * * ?)' }, SCHEDULE_MESSAGES.invalid); // five fields
    refuse({ ScheduleExpression: 'cron(0 1 ? * ? *)' }, SCHEDULE_MESSAGES.invalid); // both days '?'
    refuse({ ScheduleExpression: 'cron(0 1 * * ? 2027)' }, SCHEDULE_MESSAGES.invalid); // a year
    refuse({ ScheduleExpression: 'cron(0 */2 * * ? *)' }, SCHEDULE_MESSAGES.invalid); // more often than every 4 hours
    refuse({ ScheduleExpression: 'cron(0 25 * * ? *)' }, SCHEDULE_MESSAGES.invalid);
    refuse({ ScheduleExpression: 'rate(4 hours)', Duration: '5h' }, SCHEDULE_MESSAGES.durationOverRate);
    refuse({ ScheduleExpression: 'cron(0 23 * * ? *)', Duration: '2h' }, SCHEDULE_MESSAGES.withinDay);
    refuse({ AutomaticallyAfterDays: 2, Duration: '0h' }, SCHEDULE_MESSAGES.duration);
    assert.equal(parseRules(undefined), undefined);
    assert.ok(parseRules({ ScheduleExpression: 'cron(0 */4 * * ? *)' }));
  });
});

describe('secretsmanager rotation executors', () => {
  it('maps function names and ARNs: built-in name, configured endpoints, nothing else', () => {
    const arn = 'arn:aws:lambda:eu-west-1:111122223333:function:warden-random-password';
    assert.equal(functionName(arn), 'warden-random-password');
    assert.equal(functionName('arn:aws:lambda:us-east-1:000000000000:function:rot:live'), 'rot');
    assert.match(resolveExecutor(arn, {})!.description, /builtin/);
    const endpoints = { rot: 'http://127.0.0.1:1/x', 'arn:aws:lambda:us-east-1:000000000000:function:exact': 'http://127.0.0.1:2/y' };
    assert.equal(resolveExecutor('arn:aws:lambda:us-east-1:000000000000:function:rot', endpoints)!.description, 'http http://127.0.0.1:1/x');
    assert.equal(resolveExecutor('arn:aws:lambda:us-east-1:000000000000:function:exact', endpoints)!.description, 'http http://127.0.0.1:2/y');
    assert.equal(resolveExecutor('arn:aws:lambda:us-east-1:000000000000:function:other', endpoints), undefined);
  });

  it('built-in: replaces a JSON "password" field or the whole string; rules from tags', () => {
    assert.equal(rotatedValue('{"username":"u","password":"old"}', 'NEW'), '{"username":"u","password":"NEW"}');
    assert.equal(rotatedValue('{"host":"h"}', 'NEW'), '{"host":"h","password":"NEW"}');
    assert.equal(rotatedValue('plain', 'NEW'), 'NEW');
    assert.equal(rotatedValue('["a"]', 'NEW'), 'NEW');
    const rec = { tags: [{ Key: 'warden:rotation:PasswordLength', Value: '12' }, { Key: 'warden:rotation:ExcludePunctuation', Value: 'true' }, { Key: 'warden:rotation:ExcludeCharacters', Value: 'abc' }, { Key: 'team', Value: 'x' }] };
    assert.deepEqual(passwordRules(rec as never), { PasswordLength: 12, ExcludePunctuation: true, ExcludeCharacters: 'abc' });
  });

  it('--rotation-endpoint is repeatable, and read from the environment comma-separated', () => {
    const c = parseConfig(['--rotation-endpoint', 'a=http://h:1/a', '--rotation-endpoint=b=https://h/b'], {});
    assert.deepEqual(c.rotationEndpoints, { a: 'http://h:1/a', b: 'https://h/b' });
    assert.deepEqual(parseConfig([], { WARDEN_ROTATION_ENDPOINT: 'a=http://x/1,b=http://y/2' }).rotationEndpoints, { a: 'http://x/1', b: 'http://y/2' });
    assert.deepEqual(parseConfig([], {}).rotationEndpoints, {});
    assert.throws(() => parseConfig(['--rotation-endpoint', 'nourl'], {}), /--rotation-endpoint takes NAME=URL/);
    assert.throws(() => parseConfig(['--rotation-endpoint', 'a=ftp://x'], {}), /--rotation-endpoint/);
  });
});

describe('secretsmanager public policies', () => {
  const p = (s: object) => JSON.stringify({ Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: 'secretsmanager:GetSecretValue', Resource: '*', ...s }] });
  it('a * principal is public unless an exact condition on a principal/source key pins it', () => {
    assert.equal(isPublic(p({ Principal: '*' })), true);
    assert.equal(isPublic(p({ Principal: { AWS: ['arn:aws:iam::111122223333:root', '*'] } })), true);
    assert.equal(isPublic(p({ Principal: { AWS: 'arn:aws:iam::*:root' } })), true);
    assert.equal(isPublic(p({ NotPrincipal: { AWS: 'arn:aws:iam::111122223333:root' } })), true);
    assert.equal(isPublic(p({ Principal: '*', Condition: { StringEquals: { 'aws:PrincipalAccount': '111122223333' } } })), false);
    assert.equal(isPublic(p({ Principal: '*', Condition: { StringLike: { 'aws:PrincipalArn': 'arn:aws:iam::*:role/x' } } })), true);
    assert.equal(isPublic(p({ Principal: '*', Condition: { StringNotEquals: { 'aws:PrincipalAccount': '111122223333' } } })), true);
    assert.equal(isPublic(p({ Principal: '*', Condition: { Bool: { 'aws:SecureTransport': 'true' } } })), true);
    assert.equal(isPublic(p({ Principal: { AWS: '111122223333' } })), false);
    assert.equal(isPublic(p({ Principal: { Service: 'lambda.amazonaws.com' } })), false);
    assert.equal(isPublic(JSON.stringify({ Version: '2012-10-17', Statement: [{ Effect: 'Deny', Principal: '*', Action: '*', Resource: '*' }] })), false);
  });
});
