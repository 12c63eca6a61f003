import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import {
  CancelKeyDeletionCommand, DecryptCommand, DescribeKeyCommand, DisableKeyCommand, EnableKeyRotationCommand, EncryptCommand, GetKeyPolicyCommand,
  GetKeyRotationStatusCommand, KMSClient, ListKeysCommand, ReplicateKeyCommand, RotateKeyOnDemandCommand, ScheduleKeyDeletionCommand, UpdatePrimaryRegionCommand,
} from '@aws-sdk/client-kms';
import { silentLogger } from '../../../src/core/log.js';
import { kms as kmsService } from '../../../src/services/kms/index.js';
import { ACCOUNT, assertKmsEvent, createKey, defaultPolicy, OffsetClock, rejects, useWarden, userClient } from './helpers.js';

const EAST = 'us-east-1';
const WEST = 'us-west-2';
const EU = 'eu-west-1';
const DAY = 86_400_000;

describe('kms multi-Region keys: ReplicateKey, UpdatePrimaryRegion, PendingReplicaDeletion', () => {
  const clock = new OffsetClock();
  const t = useWarden([], { clock });
  /** A client of `region` whose signing clock follows the test clock. */
  const at = (region: string): KMSClient =>
    ({ send: (cmd: unknown) => t.w.client(KMSClient, { region, systemClockOffset: clock.offset }).send(cmd as never) as Promise<any> }) as KMSClient;
  const arnIn = (region: string, keyId: string) => `arn:aws:kms:${region}:${ACCOUNT}:key/${keyId}`;
  const describeIn = async (region: string, keyId: string) => (await at(region).send(new DescribeKeyCommand({ KeyId: keyId }))).KeyMetadata!;
  const mrk = () => createKey(at(EAST), { MultiRegion: true, Description: 'primary' });

  it('creates a primary with an mrk- id and no replicas', async () => {
    const k = await mrk();
    assert.match(k.KeyId, /^mrk-[0-9a-f]{32}$/);
    assert.equal(k.MultiRegion, true);
    assert.deepEqual(k.MultiRegionConfiguration, { MultiRegionKeyType: 'PRIMARY', PrimaryKey: { Arn: k.Arn, Region: EAST }, ReplicaKeys: [] });
  });

  it('replicates a primary to another Region; ciphertexts of one Region decrypt in the other', async () => {
    const k = await mrk();
    const out = await at(EAST).send(new ReplicateKeyCommand({ KeyId: k.KeyId, ReplicaRegion: WEST, Description: 'replica', Tags: [{ TagKey: 'team', TagValue: 'x' }] }));
    const westArn = arnIn(WEST, k.KeyId);
    const m = out.ReplicaKeyMetadata!;
    assert.deepEqual([m.KeyId, m.Arn, m.Description, m.KeyState, m.Enabled, m.MultiRegion], [k.KeyId, westArn, 'replica', 'Creating', false, true]);
    assert.deepEqual(m.MultiRegionConfiguration, { MultiRegionKeyType: 'REPLICA', PrimaryKey: { Arn: k.Arn, Region: EAST }, ReplicaKeys: [{ Arn: westArn, Region: WEST }] });
    assert.equal(out.ReplicaPolicy, defaultPolicy());
    assert.deepEqual(out.ReplicaTags, [{ TagKey: 'team', TagValue: 'x' }]);
    const ev = await t.w.eventFor(out.$metadata.requestId!);
    assertKmsEvent(ev, 'ReplicateKey', false);
    assert.deepEqual(ev['requestParameters'], { keyId: k.KeyId, replicaRegion: WEST, bypassPolicyLockoutSafetyCheck: false, description: 'replica', tags: [{ tagKey: 'team', tagValue: 'x' }] });
    assert.equal(ev['responseElements'].replicaKeyMetadata.aWSAccountId, ACCOUNT);
    assert.equal(ev['responseElements'].replicaKeyMetadata.multiRegionConfiguration.multiRegionKeyType, 'REPLICA');

    const west = await describeIn(WEST, k.KeyId);
    assert.deepEqual([west.KeyState, west.Enabled, west.Description, west.MultiRegionConfiguration!.MultiRegionKeyType], ['Enabled', true, 'replica', 'REPLICA']);
    const east = await describeIn(EAST, k.KeyId);
    assert.deepEqual([east.Description, east.MultiRegionConfiguration!.ReplicaKeys], ['primary', [{ Arn: westArn, Region: WEST }]]);
    assert.ok((await at(WEST).send(new ListKeysCommand({}))).Keys!.some((x) => x.KeyArn === westArn));

    const context = { purpose: 'mrk' };
    const { CiphertextBlob } = await at(EAST).send(new EncryptCommand({ KeyId: k.Arn, Plaintext: Buffer.from('across regions'), EncryptionContext: context }));
    for (const KeyId of [undefined, westArn, k.KeyId]) {
      const d = await at(WEST).send(new DecryptCommand({ CiphertextBlob, EncryptionContext: context, ...(KeyId !== undefined ? { KeyId } : {}) }));
      assert.equal(Buffer.from(d.Plaintext!).toString(), 'across regions');
      assert.equal(d.KeyId, westArn);
    }
    const back = await at(WEST).send(new EncryptCommand({ KeyId: k.KeyId, Plaintext: Buffer.from('westward') }));
    assert.equal(Buffer.from((await at(EAST).send(new DecryptCommand({ CiphertextBlob: back.CiphertextBlob }))).Plaintext!).toString(), 'westward');

    // Enabled state, description and policy are each key's own.
    await at(WEST).send(new DisableKeyCommand({ KeyId: k.KeyId }));
    assert.equal((await describeIn(EAST, k.KeyId)).Enabled, true);
    await rejects(at(WEST).send(new DecryptCommand({ CiphertextBlob, EncryptionContext: context })), 'DisabledException', `${westArn} is disabled.`);
  });

  it('refuses what AWS refuses and creates nothing', async () => {
    const single = await createKey(at(EAST));
    await rejects(at(EAST).send(new ReplicateKeyCommand({ KeyId: single.KeyId, ReplicaRegion: WEST })), 'UnsupportedOperationException', `${single.Arn} is not a multi-Region key.`);
    const k = await mrk();
    await at(EAST).send(new ReplicateKeyCommand({ KeyId: k.KeyId, ReplicaRegion: WEST }));
    await rejects(at(EAST).send(new ReplicateKeyCommand({ KeyId: k.KeyId, ReplicaRegion: WEST })), 'AlreadyExistsException');
    await rejects(at(EAST).send(new ReplicateKeyCommand({ KeyId: k.KeyId, ReplicaRegion: EAST })), 'AlreadyExistsException');
    await rejects(at(WEST).send(new ReplicateKeyCommand({ KeyId: k.KeyId, ReplicaRegion: EU })), 'UnsupportedOperationException', `${arnIn(WEST, k.KeyId)} is not a multi-Region primary key.`);
    await rejects(at(EAST).send(new ReplicateKeyCommand({ KeyId: k.KeyId, ReplicaRegion: 'not a region' })), 'ValidationException');
    const euBefore = (await at(EU).send(new ListKeysCommand({}))).Keys!.length;
    await rejects(at(EAST).send(new ReplicateKeyCommand({ KeyId: k.KeyId, ReplicaRegion: EU, Policy: '{' })), 'MalformedPolicyDocumentException');
    const lockout = JSON.stringify({ Version: '2012-10-17', Statement: [{ Effect: 'Allow', Principal: { AWS: 'arn:aws:iam::111122223333:root' }, Action: 'kms:*', Resource: '*' }] });
    await rejects(at(EAST).send(new ReplicateKeyCommand({ KeyId: k.KeyId, ReplicaRegion: EU, Policy: lockout })), 'MalformedPolicyDocumentException', 'The new key policy will not allow you to update the key policy in the future.');
    await rejects(at(EAST).send(new ReplicateKeyCommand({ KeyId: k.KeyId, ReplicaRegion: EU, Tags: [{ TagKey: 'aws:x', TagValue: 'y' }] })), 'TagException');
    assert.equal((await at(EU).send(new ListKeysCommand({}))).Keys!.length, euBefore);
    assert.deepEqual((await describeIn(EAST, k.KeyId)).MultiRegionConfiguration!.ReplicaKeys!.map((r) => r.Region), [WEST]);
    await at(EAST).send(new DisableKeyCommand({ KeyId: k.KeyId }));
    await rejects(at(EAST).send(new ReplicateKeyCommand({ KeyId: k.KeyId, ReplicaRegion: EU })), 'DisabledException', `${k.Arn} is disabled.`);
  });

  it('needs kms:ReplicateKey on the primary and kms:CreateKey', async () => {
    const k = await mrk();
    const onlyReplicate = await userClient(t.w, 'mrk-replicator', { Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: 'kms:ReplicateKey', Resource: '*' }] });
    const err = await rejects(onlyReplicate.send(new ReplicateKeyCommand({ KeyId: k.Arn, ReplicaRegion: WEST })), 'AccessDeniedException', /kms:CreateKey/);
    assert.equal((await t.w.eventFor(err.$metadata.requestId))['errorCode'], 'AccessDeniedException');
    await rejects(t.other.send(new ReplicateKeyCommand({ KeyId: k.Arn, ReplicaRegion: WEST })), 'AccessDeniedException', /kms:ReplicateKey/);
    await rejects(at(WEST).send(new DescribeKeyCommand({ KeyId: k.KeyId })), 'NotFoundException');
  });

  it('shares rotations: on-demand rotation and rotation settings come from the primary', async () => {
    const k = await mrk();
    await at(EAST).send(new ReplicateKeyCommand({ KeyId: k.KeyId, ReplicaRegion: WEST }));
    await at(EAST).send(new RotateKeyOnDemandCommand({ KeyId: k.KeyId }));
    const { CiphertextBlob } = await at(EAST).send(new EncryptCommand({ KeyId: k.KeyId, Plaintext: Buffer.from('rotated') }));
    assert.equal(Buffer.from((await at(WEST).send(new DecryptCommand({ CiphertextBlob }))).Plaintext!).toString(), 'rotated');
    await rejects(at(WEST).send(new RotateKeyOnDemandCommand({ KeyId: k.KeyId })), 'UnsupportedOperationException');
    await rejects(at(WEST).send(new EnableKeyRotationCommand({ KeyId: k.KeyId })), 'UnsupportedOperationException');
    await at(EAST).send(new EnableKeyRotationCommand({ KeyId: k.KeyId, RotationPeriodInDays: 100 }));
    const west = await at(WEST).send(new GetKeyRotationStatusCommand({ KeyId: k.KeyId }));
    const east = await at(EAST).send(new GetKeyRotationStatusCommand({ KeyId: k.KeyId }));
    assert.deepEqual([west.KeyRotationEnabled, west.RotationPeriodInDays, west.NextRotationDate?.getTime()], [true, 100, east.NextRotationDate?.getTime()]);
  });

  it('UpdatePrimaryRegion swaps primary and replica', async () => {
    const k = await mrk();
    await at(EAST).send(new ReplicateKeyCommand({ KeyId: k.KeyId, ReplicaRegion: WEST }));
    await at(EAST).send(new ReplicateKeyCommand({ KeyId: k.KeyId, ReplicaRegion: EU }));
    await rejects(at(EAST).send(new UpdatePrimaryRegionCommand({ KeyId: k.KeyId, PrimaryRegion: 'ap-south-1' })), 'NotFoundException');
    await rejects(at(WEST).send(new UpdatePrimaryRegionCommand({ KeyId: k.KeyId, PrimaryRegion: EU })), 'UnsupportedOperationException');
    const up = await at(EAST).send(new UpdatePrimaryRegionCommand({ KeyId: k.KeyId, PrimaryRegion: WEST }));
    const ev = await t.w.eventFor(up.$metadata.requestId!);
    assert.deepEqual(ev['resources'].map((r: { ARN: string }) => r.ARN), [k.Arn, arnIn(WEST, k.KeyId)]);
    for (const region of [EAST, WEST, EU]) {
      const c = (await describeIn(region, k.KeyId)).MultiRegionConfiguration!;
      assert.equal(c.MultiRegionKeyType, region === WEST ? 'PRIMARY' : 'REPLICA', region);
      assert.deepEqual(c.PrimaryKey, { Arn: arnIn(WEST, k.KeyId), Region: WEST });
      assert.deepEqual(c.ReplicaKeys!.map((r) => r.Region).sort(), [EAST, EU].sort());
    }
    // The new primary replicates; the old one no longer can.
    await rejects(at(EAST).send(new ReplicateKeyCommand({ KeyId: k.KeyId, ReplicaRegion: 'ap-south-1' })), 'UnsupportedOperationException');
    await at(WEST).send(new ReplicateKeyCommand({ KeyId: k.KeyId, ReplicaRegion: 'ap-south-1' }));
    assert.equal((await describeIn('ap-south-1', k.KeyId)).MultiRegionConfiguration!.ReplicaKeys!.length, 3);
    assert.equal((await at(EU).send(new GetKeyPolicyCommand({ KeyId: k.KeyId }))).Policy, defaultPolicy());
  });

  it('a primary with replicas waits in PendingReplicaDeletion until its last replica is deleted', async () => {
    const k = await mrk();
    await at(EAST).send(new ReplicateKeyCommand({ KeyId: k.KeyId, ReplicaRegion: WEST }));
    const s = await at(EAST).send(new ScheduleKeyDeletionCommand({ KeyId: k.KeyId, PendingWindowInDays: 10 }));
    assert.deepEqual([s.KeyState, s.DeletionDate, s.PendingWindowInDays], ['PendingReplicaDeletion', undefined, 10]);
    const m = await describeIn(EAST, k.KeyId);
    assert.deepEqual([m.KeyState, m.Enabled, m.DeletionDate, m.PendingDeletionWindowInDays], ['PendingReplicaDeletion', false, undefined, 10]);
    await rejects(at(EAST).send(new EncryptCommand({ KeyId: k.KeyId, Plaintext: Buffer.from('x') })), 'KMSInvalidStateException', `${k.Arn} is pending replica deletion.`);
    await at(EAST).send(new CancelKeyDeletionCommand({ KeyId: k.KeyId }));
    assert.equal((await describeIn(EAST, k.KeyId)).KeyState, 'Disabled');
    await at(EAST).send(new ScheduleKeyDeletionCommand({ KeyId: k.KeyId, PendingWindowInDays: 10 }));

    await at(WEST).send(new ScheduleKeyDeletionCommand({ KeyId: k.KeyId, PendingWindowInDays: 7 }));
    clock.offset += 7 * DAY + 1000;
    const job = kmsService.backgroundJobs![0]!;
    await job.run({ store: t.w.warden.store, clock, barrier: t.w.warden.barrier, config: t.w.warden.config, log: silentLogger });
    await rejects(at(WEST).send(new DescribeKeyCommand({ KeyId: k.KeyId })), 'NotFoundException');
    const after = await describeIn(EAST, k.KeyId);
    assert.equal(after.KeyState, 'PendingDeletion');
    assert.deepEqual(after.MultiRegionConfiguration!.ReplicaKeys, []);
    assert.ok(Math.abs(after.DeletionDate!.getTime() - (clock.now() + 10 * DAY)) < 60_000);
  });
});
