import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { DeleteParameterCommand, DescribeParametersCommand, GetParameterCommand, GetParameterHistoryCommand, GetParametersByPathCommand, PutParameterCommand, SSMClient } from '@aws-sdk/client-ssm';
import { ManualClock } from '../../../src/core/clock.js';
import { silentLogger } from '../../../src/core/log.js';
import { ssm as ssmService } from '../../../src/services/ssm/index.js';
import { ACCOUNT, rejects, useWarden } from './helpers.js';

const DAY = 86_400_000;
const START = Date.parse('2030-01-01T00:00:00Z');
const expiration = (iso: string) => ({ Type: 'Expiration', Version: '1.0', Attributes: { Timestamp: iso } });
const notifyBefore = (n: string, Unit = 'Days') => ({ Type: 'ExpirationNotification', Version: '1.0', Attributes: { Before: n, Unit } });
const noChange = (n: string, Unit = 'Days') => ({ Type: 'NoChangeNotification', Version: '1.0', Attributes: { After: n, Unit } });

describe('ssm parameter policies', () => {
  const clock = new ManualClock(START);
  const t = useWarden([], { clock });
  // Warden checks signatures against its clock: the SDK signs with the same offset.
  // A client per call: the SDK resets its offset from the server's Date header after each answer.
  const c = (): SSMClient => t.w.client(SSMClient, { systemClockOffset: clock.now() - Date.now() });
  const setClock = (ms: number) => clock.set(ms);
  const policyEvent = async (name: string): Promise<Record<string, any>> => {
    await t.w.warden.store.audit.flush();
    const [rec] = await t.w.warden.store.audit.query({ eventName: 'Parameter Store Policy Action', match: (r) => JSON.parse(r.json).additionalEventData.eventBridgeEvent.detail['parameter-name'] === name, limit: 1 });
    assert.ok(rec, `no policy event for ${name}`);
    return JSON.parse(rec.json);
  };
  const scan = () => ssmService.backgroundJobs![0]!.run({ store: t.w.warden.store, clock, config: t.w.warden.config, log: silentLogger, barrier: undefined as never });

  it('stores policies on Advanced parameters and reports them with PolicyStatus in DescribeParameters and GetParameterHistory', async () => {
    setClock(START);
    const Policies = JSON.stringify([expiration('2030-01-10T00:00:00.000Z'), notifyBefore('2'), noChange('30')]);
    const put = await c().send(new PutParameterCommand({ Name: '/pol/a', Value: 'v', Type: 'String', Tier: 'Advanced', Policies }));
    assert.equal(put.Tier, 'Advanced');
    const d = await c().send(new DescribeParametersCommand({ ParameterFilters: [{ Key: 'Name', Values: ['/pol/a'] }] }));
    assert.deepEqual(
      d.Parameters![0]!.Policies!.map((p) => [p.PolicyType, p.PolicyStatus, JSON.parse(p.PolicyText!).Type]),
      [['Expiration', 'Pending', 'Expiration'], ['ExpirationNotification', 'Pending', 'ExpirationNotification'], ['NoChangeNotification', 'Pending', 'NoChangeNotification']],
    );
    // A new version without Policies keeps them; `[{}]` removes them.
    await c().send(new PutParameterCommand({ Name: '/pol/a', Value: 'v2', Overwrite: true }));
    const h = await c().send(new GetParameterHistoryCommand({ Name: '/pol/a' }));
    assert.deepEqual(h.Parameters!.map((p) => p.Policies!.length), [3, 3]);
    await c().send(new PutParameterCommand({ Name: '/pol/a', Value: 'v3', Overwrite: true, Policies: '[{}]' }));
    const h2 = await c().send(new GetParameterHistoryCommand({ Name: '/pol/a' }));
    assert.deepEqual(h2.Parameters!.map((p) => p.Policies!.length), [3, 3, 0]);
    // Intelligent-Tiering picks Advanced for a small value when policies are attached.
    const it2 = await c().send(new PutParameterCommand({ Name: '/pol/it', Value: 'v', Type: 'String', Tier: 'Intelligent-Tiering', Policies: JSON.stringify([noChange('1', 'Hours')]) }));
    assert.equal(it2.Tier, 'Advanced');
    // ISO_OFFSET_DATE_TIME, with seconds in the offset as in the user guide's example.
    await c().send(new PutParameterCommand({ Name: '/pol/offset', Value: 'v', Type: 'String', Tier: 'Advanced', Policies: JSON.stringify([expiration('2030-11-01T22:13:48.87+10:30:00')]) }));
  });

  it('errors: bad type, bad attributes, too many, conflicting, on Standard tier; nothing is written', async () => {
    const put = (Policies: string, Tier: 'Standard' | 'Advanced' = 'Advanced') => c().send(new PutParameterCommand({ Name: '/pol/bad', Value: 'v', Type: 'String', Tier, Policies }));
    await rejects(put(JSON.stringify([{ Type: 'Rotation', Version: '1.0', Attributes: {} }])), 'InvalidPolicyTypeException', /Expiration, ExpirationNotification, and NoChangeNotification/);
    await rejects(put(JSON.stringify([expiration('tomorrow')])), 'InvalidPolicyAttributeException');
    await rejects(put(JSON.stringify([expiration('2029-01-01T00:00:00Z')])), 'InvalidPolicyAttributeException');
    await rejects(put(JSON.stringify([{ ...expiration('2030-02-01T00:00:00Z'), Version: '2.0' }])), 'InvalidPolicyAttributeException');
    await rejects(put(JSON.stringify([notifyBefore('5', 'Weeks')])), 'InvalidPolicyAttributeException');
    await rejects(put(JSON.stringify([noChange('-1')])), 'InvalidPolicyAttributeException');
    await rejects(put('{not json'), 'InvalidPolicyAttributeException');
    await rejects(put(JSON.stringify(Array.from({ length: 11 }, (_, i) => notifyBefore(String(i + 1))))), 'PoliciesLimitExceededException');
    await rejects(put(JSON.stringify([expiration('2030-02-01T00:00:00Z'), expiration('2030-03-01T00:00:00Z')])), 'IncompatiblePolicyException');
    await rejects(put(JSON.stringify([noChange('1')]), 'Standard'), 'ValidationException');
    await rejects(c().send(new GetParameterCommand({ Name: '/pol/bad' })), 'ParameterNotFound');
    assert.equal((await t.w.lastEvent('PutParameter')).errorCode, 'ValidationException');
  });

  it('Expiration deletes the parameter when due: hidden at once, deleted by the scan and audited as DeleteParameter by Parameter Store', async () => {
    await c().send(new PutParameterCommand({ Name: '/pol/exp/x', Value: 'bye', Type: 'SecureString', Tier: 'Advanced', Policies: JSON.stringify([expiration(new Date(START + 3 * DAY).toISOString()), notifyBefore('1')]) }));
    await c().send(new PutParameterCommand({ Name: '/pol/exp/stay', Value: 'stay', Type: 'String' }));
    setClock(START + 2 * DAY + 1);
    await scan();
    // The ExpirationNotification fired: status Finished and the would-be EventBridge event recorded.
    const d = await c().send(new DescribeParametersCommand({ ParameterFilters: [{ Key: 'Name', Values: ['/pol/exp/x'] }] }));
    assert.deepEqual(d.Parameters![0]!.Policies!.map((p) => [p.PolicyType, p.PolicyStatus]), [['Expiration', 'Pending'], ['ExpirationNotification', 'Finished']]);
    const note = await policyEvent('/pol/exp/x');
    assert.equal(note.eventType, 'AwsServiceEvent');
    assert.deepEqual(note.userIdentity, { type: 'AWSService', invokedBy: 'ssm.amazonaws.com' });
    assert.equal(note.additionalEventData.eventBridgeEvent['detail-type'], 'Parameter Store Policy Action');
    assert.equal(note.additionalEventData.eventBridgeEvent.detail['policy-type'], 'ExpirationNotification');
    assert.ok(!JSON.stringify(note).includes('bye'));
    setClock(START + 3 * DAY);
    // Due: readers no longer see it, before any scan.
    await rejects(c().send(new GetParameterCommand({ Name: '/pol/exp/x' })), 'ParameterNotFound');
    const byPath = await c().send(new GetParametersByPathCommand({ Path: '/pol/exp' }));
    assert.deepEqual(byPath.Parameters!.map((p) => p.Name), ['/pol/exp/stay']);
    await scan();
    const ev = await t.w.lastEvent('DeleteParameter');
    assert.deepEqual(ev.userIdentity, { type: 'AWSService', invokedBy: 'ssm.amazonaws.com' });
    assert.deepEqual(ev.requestParameters, { name: '/pol/exp/x' });
    assert.equal(ev.recipientAccountId, ACCOUNT);
    assert.equal(ev.additionalEventData.eventBridgeEvent.detail['policy-type'], 'Expiration');
    assert.deepEqual(ev.resources, [{ ARN: `arn:aws:ssm:us-east-1:${ACCOUNT}:parameter/pol/exp/x`, accountId: ACCOUNT, type: 'AWS::SSM::Parameter' }]);
    // Gone from the store: the name can be created again, starting at version 1.
    const again = await c().send(new PutParameterCommand({ Name: '/pol/exp/x', Value: 'new', Type: 'String' }));
    assert.equal(again.Version, 1);
    await c().send(new DeleteParameterCommand({ Name: '/pol/exp/x' }));
  });

  it('NoChangeNotification fires once after the period without a change', async () => {
    const base = clock.now();
    await c().send(new PutParameterCommand({ Name: '/pol/nc', Value: 'v', Type: 'String', Tier: 'Advanced', Policies: JSON.stringify([noChange('2', 'Hours')]) }));
    setClock(base + 3_600_000);
    await scan();
    const status = async () => (await c().send(new DescribeParametersCommand({ ParameterFilters: [{ Key: 'Name', Values: ['/pol/nc'] }] }))).Parameters![0]!.Policies![0]!.PolicyStatus;
    assert.equal(await status(), 'Pending');
    setClock(base + 2 * 3_600_000);
    await scan();
    assert.equal(await status(), 'Finished');
    const ev = await policyEvent('/pol/nc');
    assert.equal(ev.additionalEventData.eventBridgeEvent.detail['policy-type'], 'NoChangeNotification');
  });
});
