// https://docs.aws.amazon.com/AmazonS3/latest/API/RESTOPTIONSobject.html
/**
 * A browser's CORS preflight, `OPTIONS /bucket[/key]`: unsigned, answered from the bucket's CORS
 * rules alone (no permission is checked). Not in S3's API model; the codec routes OPTIONS here.
 */
import { defineOperation } from '../../../core/operation.js';
import { corsHeaders, matchRule, requestedHeaders } from '../cors.js';
import { AccessForbidden, BadRequest, noSuchBucket } from '../errors.js';
import { auditBucket, auditObject, bucketNameProblem } from '../names.js';
import { readBucket } from '../state.js';

interface PreflightInput {
  readonly Bucket?: string;
  readonly Key?: string;
}

// cors-troubleshooting.html: "CORSResponse: CORS is not enabled for this bucket." / "CORSResponse: This
// CORS request is not allowed." — the rest of the sentence as S3 sends it (its spelling). // unverified: the tail
const NOT_ENABLED = 'CORSResponse: CORS is not enabled for this bucket.';
const NOT_ALLOWED = "CORSResponse: This CORS request is not allowed. This is usually because the evalution of Origin, request method / Access-Control-Request-Method or Access-Control-Request-Headers are not whitelisted by the resource's CORS spec.";

/** The name under which the pipeline runs (and audits) a preflight. // unverified: CloudTrail's eventName for it */
export const PREFLIGHT_OPERATION = 'PreflightRequest';

export const preflightRequest = defineOperation<PreflightInput, Record<string, never>>({
  name: PREFLIGHT_OPERATION,
  actions: [],
  readOnly: true,
  eventCategory: 'Data',
  anonymous: 'A CORS preflight is sent by browsers without credentials (RESTOPTIONSobject.html).',
  noAuthorization: 'S3 answers a preflight from the CORS configuration only (RESTOPTIONSobject.html).',
  audit: { request: (i) => ({ bucketName: i.Bucket ?? '', ...(i.Key !== undefined ? { key: i.Key } : {}) }) },
  async handler(input, ctx) {
    const name = input.Bucket ?? '';
    const bucket = bucketNameProblem(name) ? undefined : await readBucket(ctx.tx, name);
    if (bucket === undefined) throw noSuchBucket(name); // unverified: S3's answer for a missing bucket
    if (input.Key !== undefined) auditObject(ctx, bucket, input.Key);
    else auditBucket(ctx, bucket);
    const origin = ctx.http?.header('origin');
    const method = ctx.http?.header('access-control-request-method');
    // RESTOPTIONSobject.html: Origin and Access-Control-Request-Method are required. // unverified: texts
    if (origin === undefined || origin === '') throw new BadRequest('Insufficient information. Origin request header needed.');
    if (method === undefined || method === '') throw new BadRequest('Invalid Access-Control-Request-Method: null');
    const where = { Method: method, ResourceType: input.Key !== undefined ? 'OBJECT' : 'BUCKET' };
    if (bucket.cors === undefined) throw new AccessForbidden(NOT_ENABLED, where);
    const headers = requestedHeaders(ctx.http?.header('access-control-request-headers'));
    const rule = matchRule(bucket.cors, origin, method, headers);
    if (rule === undefined) throw new AccessForbidden(NOT_ALLOWED, where);
    for (const [k, v] of Object.entries(corsHeaders(rule, origin, { headers }))) ctx.http?.setResponseHeader(k, v);
    return {};
  },
});
