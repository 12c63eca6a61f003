import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { KEY_STATE_EFFECT, keyStateError, type KeyStateOperation } from '../../../src/services/kms/keys.js';
import type { KeyState } from '../../../src/services/kms/model.gen.js';

const ARN = 'arn:aws:kms:us-east-1:000000000000:key/1234abcd-12ab-34cd-56ef-1234567890ab';
const outcome = (op: KeyStateOperation, state: KeyState) => {
  const e = keyStateError(op, ARN, state);
  return e === undefined ? 'ok' : `${e.code}: ${e.message}`;
};

describe('kms key-state table', () => {
  it('lets crypto run only on enabled (and updating) keys, with AWS errors otherwise', () => {
    for (const op of ['Encrypt', 'Decrypt', 'ReEncrypt', 'GenerateDataKey', 'GenerateDataKeyWithoutPlaintext', 'Sign', 'Verify', 'GenerateMac', 'VerifyMac', 'GetPublicKey'] as const) {
      assert.equal(outcome(op, 'Enabled'), 'ok');
      assert.equal(outcome(op, 'Updating'), 'ok');
      assert.equal(outcome(op, 'Disabled'), `DisabledException: ${ARN} is disabled.`);
      assert.equal(outcome(op, 'PendingDeletion'), `KMSInvalidStateException: ${ARN} is pending deletion.`);
      assert.equal(outcome(op, 'PendingImport'), `KMSInvalidStateException: ${ARN} is pending import.`);
      assert.equal(outcome(op, 'Creating'), `KMSInvalidStateException: ${ARN} is creating.`);
    }
  });

  it('allows CancelKeyDeletion only while pending deletion', () => {
    assert.equal(outcome('CancelKeyDeletion', 'PendingDeletion'), 'ok');
    assert.equal(outcome('CancelKeyDeletion', 'PendingReplicaDeletion'), 'ok');
    for (const s of ['Enabled', 'Disabled', 'PendingImport'] as const) {
      assert.equal(outcome('CancelKeyDeletion', s), `KMSInvalidStateException: ${ARN} is not pending deletion.`);
    }
  });

  it('lets management reads run in every state', () => {
    const states: KeyState[] = ['Enabled', 'Disabled', 'PendingDeletion', 'PendingImport', 'PendingReplicaDeletion', 'Unavailable', 'Creating', 'Updating'];
    for (const op of ['DescribeKey', 'GetKeyPolicy', 'ListKeyPolicies', 'ListResourceTags', 'PutKeyPolicy', 'DeleteAlias'] as const) {
      for (const s of states) assert.equal(outcome(op, s), 'ok', `${op} ${s}`);
    }
  });

  it('refuses changes to a key pending deletion', () => {
    for (const op of ['EnableKey', 'DisableKey', 'ScheduleKeyDeletion', 'TagResource', 'UntagResource', 'UpdateKeyDescription', 'CreateAlias', 'EnableKeyRotation'] as const) {
      assert.equal(outcome(op, 'PendingDeletion'), `KMSInvalidStateException: ${ARN} is pending deletion.`, op);
    }
    assert.equal(outcome('EnableKey', 'Disabled'), 'ok');
    assert.equal(outcome('DisableKey', 'Disabled'), 'ok');
    assert.equal(outcome('EnableKey', 'PendingImport'), `KMSInvalidStateException: ${ARN} is pending import.`);
  });

  it('answers rotation requests on disabled and imported keys as AWS does', () => {
    assert.equal(outcome('EnableKeyRotation', 'Disabled'), `DisabledException: ${ARN} is disabled.`);
    assert.equal(outcome('GetKeyRotationStatus', 'Disabled'), 'ok');
    assert.equal(outcome('GetKeyRotationStatus', 'PendingImport'), `UnsupportedOperationException: ${ARN} origin is EXTERNAL which is not valid for this operation.`);
  });

  it('has a row of seven cells for every operation', () => {
    for (const [op, row] of Object.entries(KEY_STATE_EFFECT)) assert.equal(row.length, 7, op);
  });
});
