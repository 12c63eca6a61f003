// https://docs.aws.amazon.com/kms/latest/APIReference/API_GetParametersForImport.html
import { defineOperation } from '../../../core/operation.js';
import { authorizeKey } from '../common.js';
import { assertExternal, checkWrapping, importParameters } from '../import.js';
import { assertKeyState, loadKey } from '../keys.js';
import type { Operations } from '../model.gen.js';

type Op = Operations['GetParametersForImport'];

export const getParametersForImport = defineOperation<Op['input'], Op['output']>({
  name: 'GetParametersForImport',
  actions: ['kms:GetParametersForImport'],
  // The token is self-contained (import.ts), so nothing is stored. // unverified: CloudTrail's readOnly for this event
  readOnly: true,
  async handler(input, ctx) {
    const key = await loadKey(ctx, input.KeyId);
    await authorizeKey(ctx, 'kms:GetParametersForImport', key, { 'kms:WrappingAlgorithm': input.WrappingAlgorithm, 'kms:WrappingKeySpec': input.WrappingKeySpec });
    assertKeyState(key.rec, 'GetParametersForImport');
    assertExternal(key.rec);
    checkWrapping(input.WrappingAlgorithm, input.WrappingKeySpec);
    const p = await importParameters(ctx, key.path, input.WrappingAlgorithm, input.WrappingKeySpec);
    return { KeyId: key.rec.arn, ImportToken: p.token, PublicKey: p.publicKey, ParametersValidTo: new Date(p.validToMs) };
  },
});
