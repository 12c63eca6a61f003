import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import {
  CreateSecretCommand,
  DeleteSecretCommand,
  DescribeSecretCommand,
  GetSecretValueCommand,
  InvalidRequestException,
  ListSecretsCommand,
  PutSecretValueCommand,
  RemoveRegionsFromReplicationCommand,
  ReplicateSecretToRegionsCommand,
  ResourceNotFoundException,
  SecretsManagerClient,
  StopReplicationToReplicaCommand,
  UpdateSecretCommand,
} from '@aws-sdk/client-secrets-manager';
import { CreateKeyCommand, KMSClient } from '@aws-sdk/client-kms';
import { startTestWarden, type Running } from '../../harness.js';

describe('secretsmanager replication', () => {
  let w: Running;
  let east: SecretsManagerClient;
  let west: SecretsManagerClient;
  let eu: SecretsManagerClient;
  before(async () => {
    w = await startTestWarden();
    east = w.client(SecretsManagerClient);
    west = w.client(SecretsManagerClient, { region: 'us-west-2' });
    eu = w.client(SecretsManagerClient, { region: 'eu-west-1' });
  });
  after(() => w.stop());

  it('a replica is readable in its Region under its own ARN, read-only there, and follows writes to the primary', async () => {
    const westKey = (await w.client(KMSClient, { region: 'us-west-2' }).send(new CreateKeyCommand({}))).KeyMetadata!.Arn!;
    const c = await east.send(new CreateSecretCommand({ Name: 'multi/db', SecretString: 'v1' }));
    const r = await east.send(new ReplicateSecretToRegionsCommand({ SecretId: 'multi/db', AddReplicaRegions: [{ Region: 'us-west-2', KmsKeyId: westKey }, { Region: 'eu-west-1' }] }));
    assert.equal(r.ARN, c.ARN);
    assert.deepEqual(r.ReplicationStatus!.map((s) => [s.Region, s.Status, s.KmsKeyId]), [
      ['us-west-2', 'InSync', westKey],
      ['eu-west-1', 'InSync', 'alias/aws/secretsmanager'],
    ]);
    const replicaArn = c.ARN!.replace(':us-east-1:', ':us-west-2:');
    const got = await west.send(new GetSecretValueCommand({ SecretId: 'multi/db' }));
    assert.equal(got.SecretString, 'v1');
    assert.equal(got.ARN, replicaArn);
    assert.equal((await west.send(new GetSecretValueCommand({ SecretId: replicaArn }))).SecretString, 'v1');
    const d = await west.send(new DescribeSecretCommand({ SecretId: 'multi/db' }));
    assert.equal(d.PrimaryRegion, 'us-east-1');
    assert.equal(d.KmsKeyId, westKey);
    const pd = await east.send(new DescribeSecretCommand({ SecretId: 'multi/db' }));
    assert.equal(pd.PrimaryRegion, 'us-east-1');
    assert.equal(pd.ReplicationStatus!.length, 2);
    const listed = (await west.send(new ListSecretsCommand({}))).SecretList!.find((s) => s.Name === 'multi/db');
    assert.equal(listed?.PrimaryRegion, 'us-east-1');
    assert.equal(listed?.ARN, replicaArn);
    // Read-only in the replica Region.
    for (const cmd of [new PutSecretValueCommand({ SecretId: 'multi/db', SecretString: 'no' }), new UpdateSecretCommand({ SecretId: 'multi/db', Description: 'no' }), new DeleteSecretCommand({ SecretId: 'multi/db' })]) {
      await assert.rejects(west.send(cmd as PutSecretValueCommand), InvalidRequestException);
    }
    // Writes to the primary propagate.
    await east.send(new PutSecretValueCommand({ SecretId: 'multi/db', SecretString: 'v2' }));
    assert.equal((await west.send(new GetSecretValueCommand({ SecretId: 'multi/db' }))).SecretString, 'v2');
    assert.equal((await eu.send(new GetSecretValueCommand({ SecretId: 'multi/db', VersionStage: 'AWSPREVIOUS' }))).SecretString, 'v1');
    // The primary cannot be deleted while it has replicas.
    await assert.rejects(east.send(new DeleteSecretCommand({ SecretId: 'multi/db' })), InvalidRequestException);
    const ev = await w.lastEvent('ReplicateSecretToRegions');
    assert.equal(ev.resources[0].ARN, c.ARN);
  });

  it('RemoveRegionsFromReplication deletes the replica; StopReplicationToReplica promotes one', async () => {
    const rm = await east.send(new RemoveRegionsFromReplicationCommand({ SecretId: 'multi/db', RemoveReplicaRegions: ['eu-west-1'] }));
    assert.deepEqual(rm.ReplicationStatus!.map((s) => s.Region), ['us-west-2']);
    await assert.rejects(eu.send(new GetSecretValueCommand({ SecretId: 'multi/db' })), ResourceNotFoundException);
    await assert.rejects(east.send(new StopReplicationToReplicaCommand({ SecretId: 'multi/db' })), InvalidRequestException);
    const stop = await west.send(new StopReplicationToReplicaCommand({ SecretId: 'multi/db' }));
    assert.match(stop.ARN!, /:us-west-2:/);
    // Standalone now: writable, with its own versions, and independent of the old primary.
    await west.send(new PutSecretValueCommand({ SecretId: 'multi/db', SecretString: 'west-only' }));
    assert.equal((await west.send(new GetSecretValueCommand({ SecretId: 'multi/db' }))).SecretString, 'west-only');
    assert.equal((await west.send(new GetSecretValueCommand({ SecretId: 'multi/db', VersionStage: 'AWSPREVIOUS' }))).SecretString, 'v2');
    assert.equal((await east.send(new GetSecretValueCommand({ SecretId: 'multi/db' }))).SecretString, 'v2');
    const pd = await east.send(new DescribeSecretCommand({ SecretId: 'multi/db' }));
    assert.equal(pd.ReplicationStatus, undefined);
    assert.equal((await west.send(new DescribeSecretCommand({ SecretId: 'multi/db' }))).PrimaryRegion, undefined);
    await east.send(new DeleteSecretCommand({ SecretId: 'multi/db', ForceDeleteWithoutRecovery: true }));
  });

  it('a name already taken in the replica Region fails that replica unless ForceOverwriteReplicaSecret; CreateSecret with AddReplicaRegions', async () => {
    await west.send(new CreateSecretCommand({ Name: 'multi/taken', SecretString: 'west' }));
    const c = await east.send(new CreateSecretCommand({ Name: 'multi/taken', SecretString: 'east', AddReplicaRegions: [{ Region: 'us-west-2' }] }));
    assert.equal(c.ReplicationStatus![0]!.Status, 'Failed');
    assert.equal((await west.send(new GetSecretValueCommand({ SecretId: 'multi/taken' }))).SecretString, 'west');
    const forced = await east.send(new ReplicateSecretToRegionsCommand({ SecretId: 'multi/taken', AddReplicaRegions: [{ Region: 'us-west-2' }], ForceOverwriteReplicaSecret: true }));
    assert.equal(forced.ReplicationStatus![0]!.Status, 'InSync');
    assert.equal((await west.send(new GetSecretValueCommand({ SecretId: 'multi/taken' }))).SecretString, 'east');
    await assert.rejects(east.send(new ReplicateSecretToRegionsCommand({ SecretId: 'multi/taken', AddReplicaRegions: [{ Region: 'us-east-1' }] })), { name: 'InvalidParameterException' });
  });
});
