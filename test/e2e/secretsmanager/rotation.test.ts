import assert from 'node:assert/strict';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { after, before, describe, it } from 'node:test';
import {
  CancelRotateSecretCommand,
  CreateSecretCommand,
  DescribeSecretCommand,
  GetSecretValueCommand,
  InvalidParameterException,
  InvalidRequestException,
  ListSecretVersionIdsCommand,
  PutSecretValueCommand,
  RotateSecretCommand,
  SecretsManagerClient,
  UpdateSecretVersionStageCommand,
} from '@aws-sdk/client-secrets-manager';
import { CreateAccessKeyCommand, CreateUserCommand, IAMClient, PutUserPolicyCommand } from '@aws-sdk/client-iam';
import { AWS_CLIS, awsJson } from '../../cli.js';
import { startTestWarden, type Running } from '../../harness.js';
import { BUILTIN, eventually } from './helpers.js';

const HTTP_FN = 'arn:aws:lambda:us-east-1:000000000000:function:my-rotator';
const FAILING_FN = 'arn:aws:lambda:us-east-1:000000000000:function:broken-rotator';

interface StepCall {
  Step: string;
  SecretId: string;
  ClientRequestToken: string;
  RotationToken?: string;
}

describe('secretsmanager rotation', () => {
  let w: Running;
  let sm: SecretsManagerClient;
  let server: Server;
  const calls: StepCall[] = [];

  before(async () => {
    // The HTTP rotation endpoint: a rotation "Lambda" that follows AWS's single-user template by
    // calling back into Warden with the SDK.
    let client: SecretsManagerClient | undefined;
    server = createServer((req, res) => {
      let body = '';
      req.on('data', (c: Buffer) => (body += c.toString()));
      req.on('end', () => {
        const e = JSON.parse(body) as StepCall;
        calls.push(e);
        const run = async (): Promise<void> => {
          const c = client!;
          if (req.url === '/broken' && e.Step === 'testSecret') throw new Error('database refused the new password');
          if (e.Step === 'createSecret') {
            const cur = await c.send(new GetSecretValueCommand({ SecretId: e.SecretId, VersionStage: 'AWSCURRENT' }));
            const value = { ...JSON.parse(cur.SecretString!), password: `rotated-by-http-${e.ClientRequestToken.slice(0, 8)}` };
            await c.send(new PutSecretValueCommand({ SecretId: e.SecretId, ClientRequestToken: e.ClientRequestToken, SecretString: JSON.stringify(value), VersionStages: ['AWSPENDING'] }));
          } else if (e.Step === 'testSecret') {
            await c.send(new GetSecretValueCommand({ SecretId: e.SecretId, VersionId: e.ClientRequestToken, VersionStage: 'AWSPENDING' }));
          } else if (e.Step === 'finishSecret') {
            const d = await c.send(new DescribeSecretCommand({ SecretId: e.SecretId }));
            const current = Object.entries(d.VersionIdsToStages!).find(([, s]) => s.includes('AWSCURRENT'))![0];
            await c.send(new UpdateSecretVersionStageCommand({ SecretId: e.SecretId, VersionStage: 'AWSCURRENT', MoveToVersionId: e.ClientRequestToken, RemoveFromVersionId: current }));
          }
        };
        run().then(
          () => res.writeHead(200).end('{}'),
          (err: Error) => res.writeHead(500).end(JSON.stringify({ errorMessage: err.message })),
        );
      });
    });
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    const port = (server.address() as AddressInfo).port;
    w = await startTestWarden(['--rotation-endpoint', `my-rotator=http://127.0.0.1:${port}/rotate`, '--rotation-endpoint', `${FAILING_FN}=http://127.0.0.1:${port}/broken`]);
    sm = w.client(SecretsManagerClient);
    client = sm;
  });
  after(async () => {
    await w.stop();
    server.close();
  });

  const versionsOf = async (id: string) => (await sm.send(new DescribeSecretCommand({ SecretId: id }))).VersionIdsToStages ?? {};

  it('built-in executor: a JSON secret gets a new "password", AWSCURRENT moves, AWSPREVIOUS follows, events recorded', async () => {
    const c = await sm.send(new CreateSecretCommand({ Name: 'rot/builtin', SecretString: '{"username":"app","password":"old"}', Tags: [{ Key: 'warden:rotation:PasswordLength', Value: '20' }, { Key: 'warden:rotation:ExcludePunctuation', Value: 'true' }] }));
    const r = await sm.send(new RotateSecretCommand({ SecretId: 'rot/builtin', RotationLambdaARN: BUILTIN, RotationRules: { AutomaticallyAfterDays: 30 } }));
    assert.equal(r.ARN, c.ARN);
    assert.match(r.VersionId!, /^[0-9a-f-]{36}$/);
    const stages = await eventually('rotation to finish', () => versionsOf('rot/builtin'), (v) => v[r.VersionId!]?.includes('AWSCURRENT') === true);
    assert.deepEqual(stages[r.VersionId!], ['AWSCURRENT']);
    assert.deepEqual(stages[c.VersionId!], ['AWSPREVIOUS']);
    const got = await sm.send(new GetSecretValueCommand({ SecretId: 'rot/builtin' }));
    const value = JSON.parse(got.SecretString!);
    assert.equal(value.username, 'app');
    assert.match(value.password, /^[A-Za-z0-9]{20}$/);
    const d = await eventually('LastRotatedDate', () => sm.send(new DescribeSecretCommand({ SecretId: 'rot/builtin' })), (x) => x.LastRotatedDate !== undefined);
    assert.equal(d.RotationEnabled, true);
    assert.equal(d.RotationLambdaARN, BUILTIN);
    assert.deepEqual(d.RotationRules, { AutomaticallyAfterDays: 30 });
    assert.ok(d.NextRotationDate instanceof Date);
    const days = (d.NextRotationDate!.getTime() - d.LastRotatedDate!.getTime()) / 86_400_000;
    assert.ok(days > 29 && days <= 30, `next rotation in ${days} days`);
    const started = await w.lastEvent('RotationStarted');
    const ok = await w.lastEvent('RotationSucceeded');
    for (const ev of [started, ok]) {
      assert.equal(ev.eventType, 'AwsServiceEvent');
      assert.equal(ev.eventSource, 'secretsmanager.amazonaws.com');
      assert.deepEqual(ev.userIdentity, { accountId: '000000000000', invokedBy: 'secretsmanager.amazonaws.com' });
      assert.equal(ev.additionalEventData.SecretId, c.ARN);
      assert.equal(ev.requestParameters, null);
    }
    assert.ok(!JSON.stringify(ok).includes(value.password));
    const api = await w.lastEvent('RotateSecret');
    assert.equal(api.requestParameters.rotationLambdaARN ?? api.requestParameters.RotationLambdaARN, BUILTIN);
  });

  it('HTTP executor: the four steps are POSTed as the Lambda event and the endpoint calls back', async () => {
    const c = await sm.send(new CreateSecretCommand({ Name: 'rot/http', SecretString: '{"username":"svc","password":"p0"}' }));
    const token = '11111111-2222-3333-4444-555555555555';
    const r = await sm.send(new RotateSecretCommand({ SecretId: c.ARN, RotationLambdaARN: HTTP_FN, ClientRequestToken: token, RotationRules: { ScheduleExpression: 'rate(4 hours)', Duration: '2h' } }));
    assert.equal(r.VersionId, token);
    await eventually('RotationSucceeded', () => versionsOf('rot/http'), (v) => v[token]?.includes('AWSCURRENT') === true);
    const mine = calls.filter((x) => x.ClientRequestToken === token);
    assert.deepEqual(mine.map((x) => x.Step), ['createSecret', 'setSecret', 'testSecret', 'finishSecret']);
    for (const x of mine) {
      assert.equal(x.SecretId, c.ARN);
      assert.equal(typeof x.RotationToken, 'string');
    }
    const got = await sm.send(new GetSecretValueCommand({ SecretId: 'rot/http' }));
    assert.equal(JSON.parse(got.SecretString!).password, 'rotated-by-http-11111111');
    const prev = await sm.send(new GetSecretValueCommand({ SecretId: 'rot/http', VersionStage: 'AWSPREVIOUS' }));
    assert.equal(JSON.parse(prev.SecretString!).password, 'p0');
    const d = await eventually('LastRotatedDate', () => sm.send(new DescribeSecretCommand({ SecretId: 'rot/http' })), (x) => x.LastRotatedDate !== undefined);
    assert.deepEqual(d.RotationRules, { ScheduleExpression: 'rate(4 hours)', Duration: '2h' });
    // rate(N hours) windows start at midnight UTC and every N hours after it.
    assert.equal(d.NextRotationDate!.getUTCHours() % 4, 0);
    assert.equal(d.NextRotationDate!.getUTCMinutes(), 0);
    assert.ok(d.NextRotationDate!.getTime() > d.LastRotatedDate!.getTime());
  });

  it('a failing step records RotationFailed, leaves AWSPENDING, and a new RotateSecret reports the rotation in progress', async () => {
    const c = await sm.send(new CreateSecretCommand({ Name: 'rot/broken', SecretString: '{"password":"keep"}' }));
    const r = await sm.send(new RotateSecretCommand({ SecretId: 'rot/broken', RotationLambdaARN: FAILING_FN }));
    const failed = await eventually('RotationFailed', () => w.lastEvent('RotationFailed').catch(() => undefined), (e) => e?.additionalEventData?.SecretId === c.ARN);
    assert.match(failed!.additionalEventData.warden.reason, /testSecret.*500/);
    const stages = await versionsOf('rot/broken');
    assert.deepEqual(stages[r.VersionId!], ['AWSPENDING']);
    assert.deepEqual(stages[c.VersionId!], ['AWSCURRENT']);
    assert.equal(JSON.parse((await sm.send(new GetSecretValueCommand({ SecretId: 'rot/broken' }))).SecretString!).password, 'keep');
    await assert.rejects(sm.send(new RotateSecretCommand({ SecretId: 'rot/broken' })), (e: Error) => e instanceof InvalidRequestException && /previous rotation/.test(e.message));
    // Cleaning up the label as AWS's troubleshooting guide says makes rotation possible again.
    await sm.send(new UpdateSecretVersionStageCommand({ SecretId: 'rot/broken', VersionStage: 'AWSPENDING', RemoveFromVersionId: r.VersionId! }));
    const again = await sm.send(new RotateSecretCommand({ SecretId: 'rot/broken', RotationLambdaARN: BUILTIN }));
    await eventually('second rotation', () => versionsOf('rot/broken'), (v) => v[again.VersionId!]?.includes('AWSCURRENT') === true);
  });

  it('a manual new AWSCURRENT version abandons an unfinished rotation (RotationAbandoned, AWSPENDING removed)', async () => {
    const c = await sm.send(new CreateSecretCommand({ Name: 'rot/abandon', SecretString: '{"password":"a"}' }));
    const r = await sm.send(new RotateSecretCommand({ SecretId: 'rot/abandon', RotationLambdaARN: FAILING_FN }));
    await eventually('RotationFailed', () => w.lastEvent('RotationFailed').catch(() => undefined), (e) => e?.additionalEventData?.SecretId === c.ARN);
    assert.deepEqual((await versionsOf('rot/abandon'))[r.VersionId!], ['AWSPENDING']);
    const put = await sm.send(new PutSecretValueCommand({ SecretId: 'rot/abandon', SecretString: '{"password":"by-hand"}' }));
    const stages = await versionsOf('rot/abandon');
    assert.equal(stages[r.VersionId!], undefined, 'the abandoned version has no label left');
    assert.deepEqual(stages[put.VersionId!], ['AWSCURRENT']);
    const ev = await w.lastEvent('RotationAbandoned');
    assert.equal(ev.eventType, 'AwsServiceEvent');
    assert.equal(ev.additionalEventData.SecretId, c.ARN);
    // Rotation works again without cleaning up by hand.
    const again = await sm.send(new RotateSecretCommand({ SecretId: 'rot/abandon', RotationLambdaARN: BUILTIN }));
    await eventually('rotation after abandonment', () => versionsOf('rot/abandon'), (v) => v[again.VersionId!]?.includes('AWSCURRENT') === true);
  });

  it('a function Warden cannot invoke is refused at once with AWS\'s AccessDeniedException, nothing stored', async () => {
    await sm.send(new CreateSecretCommand({ Name: 'rot/nofn', SecretString: 'x' }));
    await assert.rejects(sm.send(new RotateSecretCommand({ SecretId: 'rot/nofn', RotationLambdaARN: 'arn:aws:lambda:us-east-1:000000000000:function:nowhere', RotationRules: { AutomaticallyAfterDays: 1 } })), (e: Error) => {
      assert.equal(e.name, 'AccessDeniedException');
      assert.equal(e.message, 'Secrets Manager cannot invoke the specified Lambda function. Ensure that the function policy grants access to the principal secretsmanager.amazonaws.com.');
      return true;
    });
    const d = await sm.send(new DescribeSecretCommand({ SecretId: 'rot/nofn' }));
    assert.equal(d.RotationEnabled, undefined);
    assert.equal(d.RotationLambdaARN, undefined);
    assert.equal((await w.lastEvent('RotateSecret')).errorCode, 'AccessDeniedException');
  });

  it('invalid rotation rules: AWS errors, nothing stored', async () => {
    await sm.send(new CreateSecretCommand({ Name: 'rot/bad', SecretString: 'x' }));
    const cases: [object, string][] = [
      [{ AutomaticallyAfterDays: 3, ScheduleExpression: 'rate(3 days)' }, 'You cannot specify both rotation frequency and schedule expression together.'],
      [{ ScheduleExpression: 'rate(2 hours)' }, 'Rate in hour should be least 4 and less than 24.'],
      [{ ScheduleExpression: 'rate(1001 days)' }, 'Rate in day should be greater than 0 and less than 1000.'],
      [{ ScheduleExpression: 'every day' }, 'Invalid schedule expression.'],
      [{ ScheduleExpression: 'cron(0 1 * * * *)' }, 'Invalid schedule expression.'],
      [{ ScheduleExpression: 'cron(30 1 * * ? *)' }, 'Invalid schedule expression.'],
      [{ ScheduleExpression: 'rate(6 hours)', Duration: '7h' }, 'Duration cannot be greater than Rate in hour.'],
      [{ ScheduleExpression: 'cron(0 22 ? * MON *)', Duration: '4h' }, 'Starting hour and duration must be within a day.'],
      [{ ScheduleExpression: 'rate(1 day)', Duration: '25h' }, 'Duration must be at least 1 hour, at most 24 hour.'],
    ];
    for (const [rules, message] of cases) {
      await assert.rejects(sm.send(new RotateSecretCommand({ SecretId: 'rot/bad', RotationLambdaARN: BUILTIN, RotationRules: rules })), (e: Error) => {
        assert.ok(e instanceof InvalidParameterException, `${JSON.stringify(rules)}: ${e.name}`);
        assert.equal(e.message, message);
        return true;
      });
    }
    const d = await sm.send(new DescribeSecretCommand({ SecretId: 'rot/bad' }));
    assert.equal(d.RotationEnabled, undefined);
    assert.equal(d.RotationLambdaARN, undefined);
    const v = await sm.send(new ListSecretVersionIdsCommand({ SecretId: 'rot/bad' }));
    assert.equal(v.Versions!.length, 1);
  });

  it('cron schedules, RotateImmediately=false, CancelRotateSecret', async () => {
    const c = await sm.send(new CreateSecretCommand({ Name: 'rot/cron', SecretString: 'plain-old' }));
    const r = await sm.send(new RotateSecretCommand({ SecretId: 'rot/cron', RotationLambdaARN: BUILTIN, RotateImmediately: false, RotationRules: { ScheduleExpression: 'cron(0 16 1,15 * ? *)', Duration: '2h' } }));
    await eventually('TestRotationSucceeded', () => w.lastEvent('TestRotationSucceeded').catch(() => undefined), (e) => e?.additionalEventData?.SecretId === c.ARN);
    const stages = await versionsOf('rot/cron');
    assert.deepEqual(Object.keys(stages), [c.VersionId!], 'the test version is removed again');
    assert.equal((await sm.send(new GetSecretValueCommand({ SecretId: 'rot/cron' }))).SecretString, 'plain-old');
    const d = await sm.send(new DescribeSecretCommand({ SecretId: 'rot/cron' }));
    assert.equal(d.RotationEnabled, true);
    assert.equal(d.LastRotatedDate, undefined);
    const next = d.NextRotationDate!;
    assert.ok([1, 15].includes(next.getUTCDate()) && next.getUTCHours() === 16, next.toISOString());
    assert.ok(r.VersionId);
    const cancel = await sm.send(new CancelRotateSecretCommand({ SecretId: 'rot/cron' }));
    assert.equal(cancel.ARN, c.ARN);
    const after2 = await sm.send(new DescribeSecretCommand({ SecretId: 'rot/cron' }));
    assert.equal(after2.RotationEnabled, false);
    assert.equal(after2.NextRotationDate, undefined);
    assert.equal(after2.RotationLambdaARN, BUILTIN);
    const ev = await w.lastEvent('CancelRotateSecret');
    assert.equal(ev.resources[0].ARN, c.ARN);
  });

  for (const cli of AWS_CLIS) {
    it(`\`${cli} secretsmanager rotate-secret\` starts a rotation that completes`, async () => {
      const name = `rot/cli-${AWS_CLIS.indexOf(cli)}`;
      const c = await sm.send(new CreateSecretCommand({ Name: name, SecretString: '{"password":"cli-old"}' }));
      const out = await awsJson(w.url, ['secretsmanager', 'rotate-secret', '--secret-id', name, '--rotation-lambda-arn', BUILTIN, '--rotation-rules', '{"ScheduleExpression":"rate(10 days)"}'], { cli });
      assert.equal(out.ARN, c.ARN);
      assert.equal(out.Name, name);
      await eventually('CLI rotation', () => versionsOf(name), (v) => v[out.VersionId]?.includes('AWSCURRENT') === true);
      const d = await sm.send(new DescribeSecretCommand({ SecretId: name }));
      assert.deepEqual(d.RotationRules, { ScheduleExpression: 'rate(10 days)', AutomaticallyAfterDays: 10 });
    });
  }

  it('access denied: RotateSecret needs secretsmanager:RotateSecret and lambda:InvokeFunction; nothing is stored', async () => {
    await sm.send(new CreateSecretCommand({ Name: 'rot/denied', SecretString: 'x' }));
    const iam = w.client(IAMClient);
    await iam.send(new CreateUserCommand({ UserName: 'rotator' }));
    await iam.send(new PutUserPolicyCommand({ UserName: 'rotator', PolicyName: 'p', PolicyDocument: JSON.stringify({ Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: ['secretsmanager:RotateSecret', 'secretsmanager:CancelRotateSecret'], Resource: '*' }] }) }));
    const key = (await iam.send(new CreateAccessKeyCommand({ UserName: 'rotator' }))).AccessKey!;
    const user = w.client(SecretsManagerClient, { credentials: { accessKeyId: key.AccessKeyId!, secretAccessKey: key.SecretAccessKey! } });
    await assert.rejects(user.send(new RotateSecretCommand({ SecretId: 'rot/denied', RotationLambdaARN: BUILTIN })), (e: Error) => {
      assert.equal(e.name, 'AccessDeniedException');
      assert.match(e.message, /is not authorized to perform: lambda:InvokeFunction on resource: arn:aws:lambda:us-east-1:000000000000:function:warden-random-password/);
      return true;
    });
    const ev = await w.lastEvent('RotateSecret');
    assert.equal(ev.errorCode, 'AccessDeniedException');
    assert.equal((await sm.send(new DescribeSecretCommand({ SecretId: 'rot/denied' }))).RotationLambdaARN, undefined);
    const nobody = w.client(SecretsManagerClient, { credentials: { accessKeyId: key.AccessKeyId!, secretAccessKey: key.SecretAccessKey! } });
    await iam.send(new PutUserPolicyCommand({ UserName: 'rotator', PolicyName: 'p', PolicyDocument: JSON.stringify({ Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: 'lambda:InvokeFunction', Resource: '*' }] }) }));
    await assert.rejects(nobody.send(new RotateSecretCommand({ SecretId: 'rot/denied', RotationLambdaARN: BUILTIN })), (e: Error) => /secretsmanager:RotateSecret/.test(e.message));
    await assert.rejects(nobody.send(new CancelRotateSecretCommand({ SecretId: 'rot/denied' })), (e: Error) => /secretsmanager:CancelRotateSecret/.test(e.message));
    // Unknown secret, and no function configured or given.
    await assert.rejects(sm.send(new RotateSecretCommand({ SecretId: 'rot/none' })), { name: 'ResourceNotFoundException' });
    await assert.rejects(sm.send(new RotateSecretCommand({ SecretId: 'rot/denied' })), (e: Error) => e instanceof InvalidRequestException && e.message === 'No Lambda rotation function ARN is associated with this secret.');
  });
});
