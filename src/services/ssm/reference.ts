/**
 * `/aws/reference/secretsmanager/<secret-id>[:<version-id or stage>]`: GetParameter(s) read a
 * Secrets Manager secret through Parameter Store (user guide, integration-ps-secretsmanager.md):
 * pass-through, nothing stored; the caller needs secretsmanager:GetSecretValue (the secret's
 * resource policy applies); WithDecryption must be true; the answer is Type SecureString with the
 * secret's ARN and SourceResult, the GetSecretValue answer as JSON.
 *
 * Reads Secrets Manager's store through its exported functions (loadAuthorized, selectVersion,
 * decryptVersion) — like STS reading IAM, an exception to "only the registry imports a service".
 */
import { AwsError } from '../../core/errors.js';
import type { Ctx } from '../../core/operation.js';
import { decryptVersion } from '../secretsmanager/kms.js';
import { assertNotDeleted, loadAuthorized as loadSecret, selectVersion as selectSecretVersion } from '../secretsmanager/secrets.js';
import { InvalidKeyId, ParameterNotFound, ParameterVersionNotFound, ValidationException } from './model.gen.js';
import type { Parameter } from './model.gen.js';
import { parameterArn } from './state.js';

export const REFERENCE_ROOT = '/aws/reference/secretsmanager/';
export const GET_SECRET_VALUE = 'secretsmanager:GetSecretValue';

// A user's report of AWS's answer (sous-chefs/aws#419).
const NEEDS_DECRYPTION = 'WithDecryption flag must be True for retrieving a Secret Manager secret.';

export const isReference = (name: string): boolean => name.startsWith(REFERENCE_ROOT);

const UUID = /^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$/;

/** Secrets Manager's failures in Parameter Store's words. // unverified: AWS's codes and texts for these cases */
function mapped(err: unknown, name: string): unknown {
  if (!(err instanceof AwsError)) return err;
  if (err.code === 'ResourceNotFoundException' || err.code === 'InvalidRequestException') {
    return /version|staging label/i.test(err.message) ? new ParameterVersionNotFound(err.message) : new ParameterNotFound(`Secret ${name.slice(REFERENCE_ROOT.length)} not found.`);
  }
  if (err.code === 'DecryptionFailure') return new InvalidKeyId(err.message);
  return err;
}

/** The Parameter for a reference name (without selector) and its optional `:selector`. */
export async function secretReference(ctx: Ctx, name: string, selector: string | undefined, withDecryption: boolean, action: string): Promise<Parameter> {
  const secretId = name.slice(REFERENCE_ROOT.length);
  // The SSM permission on the reference name as well. // unverified that AWS checks it
  await ctx.authorize({ action, resource: parameterArn(ctx.account, ctx.region, name) });
  if (!withDecryption) throw new ValidationException(NEEDS_DECRYPTION);
  const s = selector?.slice(1);
  // A version stage may use only letters, digits, `.`, `-` and `_` (user guide). // unverified error
  if (s !== undefined && !UUID.test(s) && !/^[A-Za-z0-9._-]+$/.test(s)) throw new ValidationException(`Invalid version stage or version id: ${s}`);
  const versionId = s !== undefined && UUID.test(s) ? s : undefined;
  const stage = s !== undefined && versionId === undefined ? s : undefined;
  try {
    const extra = { ...(versionId !== undefined ? { 'secretsmanager:VersionId': versionId } : {}), ...(stage !== undefined ? { 'secretsmanager:VersionStage': stage } : {}) };
    const { rec } = await loadSecret(ctx, secretId, GET_SECRET_VALUE, { extra });
    assertNotDeleted(rec);
    const v = selectSecretVersion(rec, versionId, stage);
    const value = await decryptVersion(ctx, rec, v);
    // A binary secret's value is given base64-encoded. // unverified
    const text = value.SecretString ?? Buffer.from(value.SecretBinary ?? new Uint8Array()).toString('base64');
    const source = {
      CreatedDate: v.createdMs / 1000,
      Name: rec.name,
      VersionId: v.id,
      ...(value.SecretString !== undefined ? { SecretString: value.SecretString } : { SecretBinary: text }),
      VersionStages: [...v.stages],
      ARN: rec.arn,
    };
    return { Name: name, Type: 'SecureString', Value: text, LastModifiedDate: new Date(v.createdMs), ARN: rec.arn, SourceResult: JSON.stringify(source), ...(selector !== undefined ? { Selector: selector } : {}) };
  } catch (err) {
    throw mapped(err, name);
  }
}
