import assert from 'node:assert/strict';
import { setTimeout as sleep } from 'node:timers/promises';
import { after, before, describe, it } from 'node:test';
import { CreateAccessKeyCommand, CreateLoginProfileCommand, GenerateCredentialReportCommand, GetCredentialReportCommand, IAMClient, ListUsersCommand, PutUserPolicyCommand, UpdateAccessKeyCommand } from '@aws-sdk/client-iam';
import { ManualClock } from '../../../src/core/clock.js';
import { startTestWarden, type Running } from '../../harness.js';
import { ACCOUNT, allow, doc, rejects, unique, userWithKey } from './helpers.js';
import { enabledDevice } from './mfa-helpers.js';

const HEADER =
  'user,arn,user_creation_time,password_enabled,password_last_used,password_last_changed,password_next_rotation,mfa_active,access_key_1_active,access_key_1_last_rotated,access_key_1_last_used_date,access_key_1_last_used_region,access_key_1_last_used_service,access_key_2_active,access_key_2_last_rotated,access_key_2_last_used_date,access_key_2_last_used_region,access_key_2_last_used_service,cert_1_active,cert_1_last_rotated,cert_2_active,cert_2_last_rotated';
const iso = (ms: number) => new Date(ms).toISOString().replace(/\.\d{3}Z$/, '+00:00');

describe('iam credential report', () => {
  let w: Running;
  let clock: ManualClock;
  const iam = () => w.client(IAMClient, { systemClockOffset: clock.now() - Date.now() });
  before(async () => {
    clock = new ManualClock(Date.now());
    w = await startTestWarden([], { clock });
  });
  after(() => w.stop());

  it('ReportNotPresent, then STARTED, COMPLETE, the CSV in AWS columns, ReportExpired after four hours', async () => {
    await rejects(iam().send(new GetCredentialReportCommand({})), 'ReportNotPresent', 410, 'The request was rejected because the credential report does not exist. To generate a credential report, use GenerateCredentialReport.');
    const full = await userWithKey(iam(), unique('full'));
    const created = clock.now();
    await iam().send(new CreateLoginProfileCommand({ UserName: full.userName, Password: 'Report-pass-1' }));
    const second = await iam().send(new CreateAccessKeyCommand({ UserName: full.userName }));
    await iam().send(new UpdateAccessKeyCommand({ UserName: full.userName, AccessKeyId: second.AccessKey!.AccessKeyId!, Status: 'Inactive' }));
    await enabledDevice(iam(), clock, full.userName);
    await iam().send(new PutUserPolicyCommand({ UserName: full.userName, PolicyName: 'list', PolicyDocument: doc(allow('iam:ListUsers')) }));
    const usedAt = clock.now();
    await w.client(IAMClient, { credentials: full.credentials, systemClockOffset: clock.now() - Date.now() }).send(new ListUsersCommand({}));
    await sleep(50); // key use is recorded outside the request
    const plain = unique('plain');
    await userWithKey(iam(), plain);

    const gen = await iam().send(new GenerateCredentialReportCommand({}));
    assert.equal(gen.State, 'STARTED');
    assert.equal(gen.Description, 'No report exists. Starting a new report generation task');
    assert.equal((await iam().send(new GenerateCredentialReportCommand({}))).State, 'COMPLETE');
    const report = await iam().send(new GetCredentialReportCommand({}));
    assert.equal(report.ReportFormat, 'text/csv');
    assert.equal(report.GeneratedTime!.getTime(), clock.now());
    const lines = Buffer.from(report.Content!).toString('utf8').split('\n');
    assert.equal(lines[0], HEADER);
    const rows = new Map(lines.slice(1).map((l) => [l.split(',')[0]!, l.split(',')]));
    const root = rows.get('<root_account>')!;
    assert.equal(root[1], `arn:aws:iam::${ACCOUNT}:root`);
    assert.equal(root[3], 'not_supported');
    const f = rows.get(full.userName)!;
    assert.equal(f.length, 22);
    assert.deepEqual(f.slice(0, 4), [full.userName, `arn:aws:iam::${ACCOUNT}:user/${full.userName}`, iso(created), 'true']);
    assert.equal(f[4], 'no_information');
    assert.equal(f[6], 'N/A');
    assert.equal(f[7], 'true');
    assert.deepEqual(f.slice(8, 13), ['true', iso(created), iso(usedAt), 'us-east-1', 'iam']);
    assert.deepEqual([f[13], f[15], f[16], f[17]], ['false', 'N/A', 'N/A', 'N/A']);
    assert.deepEqual(f.slice(18), ['false', 'N/A', 'false', 'N/A']);
    const p = rows.get(plain)!;
    assert.deepEqual([p[3], p[4], p[5], p[7], p[8], p[10], p[13], p[14]], ['false', 'N/A', 'N/A', 'false', 'true', 'N/A', 'false', 'N/A']);

    clock.advance(4 * 3600_000);
    await rejects(iam().send(new GetCredentialReportCommand({})), 'ReportExpired', 410, /most recent credential report has expired/);
    assert.equal((await iam().send(new GenerateCredentialReportCommand({}))).State, 'STARTED');
    await iam().send(new GetCredentialReportCommand({}));
  });

  it('needs iam:GenerateCredentialReport and iam:GetCredentialReport', async () => {
    clock.set(Date.now()); // SDK clients re-learn their offset from the server's (real) Date header
    const u = await userWithKey(iam(), unique('nosy'));
    const as = () => w.client(IAMClient, { credentials: u.credentials, systemClockOffset: clock.now() - Date.now() });
    await rejects(as().send(new GenerateCredentialReportCommand({})), 'AccessDenied', 403, /iam:GenerateCredentialReport/);
    await rejects(as().send(new GetCredentialReportCommand({})), 'AccessDenied', 403, /iam:GetCredentialReport/);
  });
});
