import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { isPublic, isPublicStatement, withoutPublicStatements } from '../../../src/iam/policy/public.js';
import type { HttpRequest } from '../../../src/protocol/codec.js';
import { restXmlCodec } from '../../../src/protocol/rest-xml.js';
import { effectiveBlock, isPublicAcl, ownerOnlyAcl, ownerOnlyGrants, policyFor, requestGrants } from '../../../src/services/s3/access-control.js';
import { corsHeaders, matchRule, requestedHeaders, validateCors } from '../../../src/services/s3/cors.js';
import { model } from '../../../src/services/s3/model.gen.js';
import { PREFLIGHT_OPERATION } from '../../../src/services/s3/operations/preflight-request.js';
import type { BucketRecord } from '../../../src/services/s3/state.js';

const OWNER = 'a'.repeat(64);
const bucket = (extra: Partial<BucketRecord> = {}): BucketRecord => ({ v: 1, name: 'b', account: '000000000000', region: 'us-east-1', createdMs: 0, ...extra });

describe('s3 access control (pure)', () => {
  it('tells public statements from pinned and named ones, and strips only the public', () => {
    assert.equal(isPublicStatement({ Effect: 'Allow', Principal: '*' }), true);
    assert.equal(isPublicStatement({ Effect: 'Deny', Principal: '*' }), false);
    assert.equal(isPublicStatement({ Effect: 'Allow', Principal: '*', Condition: { StringEquals: { 'aws:SourceAccount': '111122223333' } } }), false);
    assert.equal(isPublicStatement({ Effect: 'Allow', Principal: '*', Condition: { StringLike: { 'aws:SourceArn': 'arn:*' } } }), true);
    const pub = { Effect: 'Allow', Principal: '*', Action: 's3:GetObject', Resource: 'arn:aws:s3:::b/*' };
    const named = { Effect: 'Allow', Principal: { AWS: '111122223333' }, Action: 's3:GetObject', Resource: 'arn:aws:s3:::b/*' };
    const text = JSON.stringify({ Version: '2012-10-17', Statement: [pub, named] });
    assert.equal(isPublic(text), true);
    assert.deepEqual(JSON.parse(withoutPublicStatements(text)!).Statement, [named]);
    assert.equal(withoutPublicStatements(JSON.stringify({ Version: '2012-10-17', Statement: pub })), undefined);
    const onlyNamed = JSON.stringify({ Version: '2012-10-17', Statement: [named] });
    assert.equal(withoutPublicStatements(onlyNamed), onlyNamed);
  });

  it('RestrictPublicBuckets applies to callers outside the owner account only', () => {
    const policy = JSON.stringify({ Version: '2012-10-17', Statement: [{ Effect: 'Allow', Principal: '*', Action: 's3:GetObject', Resource: 'arn:aws:s3:::b/*' }] });
    const b = bucket({ policy, publicAccessBlock: { RestrictPublicBuckets: true } });
    assert.equal(policyFor(b, '000000000000'), policy);
    assert.equal(policyFor(b, '111122223333'), undefined);
    assert.equal(policyFor(bucket({ policy }), '111122223333'), policy);
  });

  it('the settings in force are the OR of the bucket\'s and its owner account\'s', () => {
    const off = { BlockPublicAcls: false, IgnorePublicAcls: false, BlockPublicPolicy: false, RestrictPublicBuckets: false };
    assert.deepEqual(effectiveBlock(bucket()), off);
    assert.deepEqual(effectiveBlock(bucket(), { ...off, BlockPublicPolicy: true }), { ...off, BlockPublicPolicy: true });
    assert.deepEqual(effectiveBlock(bucket({ publicAccessBlock: { BlockPublicAcls: true, BlockPublicPolicy: false } }), { ...off, BlockPublicPolicy: true, IgnorePublicAcls: false }),
      { ...off, BlockPublicAcls: true, BlockPublicPolicy: true });
    // An account setting left false never turns a bucket's off.
    assert.deepEqual(effectiveBlock(bucket({ publicAccessBlock: { RestrictPublicBuckets: true } }), off), { ...off, RestrictPublicBuckets: true });
    const policy = JSON.stringify({ Version: '2012-10-17', Statement: [{ Effect: 'Allow', Principal: '*', Action: 's3:GetObject', Resource: 'arn:aws:s3:::b/*' }] });
    assert.equal(policyFor(bucket({ policy }), '111122223333', { RestrictPublicBuckets: true }), undefined);
    assert.equal(policyFor(bucket({ policy }), '000000000000', { RestrictPublicBuckets: true }), policy);
    assert.equal(policyFor(bucket({ policy }), '111122223333', { RestrictPublicBuckets: false }), policy);
  });

  it('canned ACLs and grant headers: owner-only, public, grants', () => {
    assert.equal(ownerOnlyAcl({}, OWNER), true);
    assert.equal(ownerOnlyAcl({ ACL: 'bucket-owner-full-control' }, OWNER), true);
    assert.equal(ownerOnlyAcl({ ACL: 'private' }, OWNER), true);
    assert.equal(ownerOnlyAcl({ ACL: 'public-read' }, OWNER), false);
    assert.equal(ownerOnlyAcl({ GrantFullControl: `id="${OWNER}"` }, OWNER), true);
    assert.equal(ownerOnlyAcl({ GrantFullControl: `id="${OWNER}", id="${'b'.repeat(64)}"` }, OWNER), false);
    assert.equal(ownerOnlyAcl({ GrantRead: `id="${OWNER}"` }, OWNER), false);
    assert.equal(isPublicAcl({ ACL: 'authenticated-read' }), true);
    assert.equal(isPublicAcl({ GrantWrite: 'uri="http://acs.amazonaws.com/groups/global/AllUsers"' }), true);
    assert.equal(isPublicAcl({ ACL: 'bucket-owner-read' }), false);
    assert.deepEqual(requestGrants({ GrantRead: `id="x", uri="http://acs.amazonaws.com/groups/s3/LogDelivery"` }, OWNER, OWNER), [
      { Grantee: { Type: 'CanonicalUser', ID: 'x' }, Permission: 'READ' },
      { Grantee: { Type: 'Group', URI: 'http://acs.amazonaws.com/groups/s3/LogDelivery' }, Permission: 'READ' },
    ]);
    assert.equal(ownerOnlyGrants(requestGrants({ ACL: 'bucket-owner-full-control' }, OWNER, OWNER)!, OWNER), true);
    assert.throws(() => requestGrants({ ACL: 'private', GrantRead: 'id="x"' }, OWNER, OWNER), { code: 'InvalidRequest' });
    assert.throws(() => requestGrants({ GrantRead: 'nobody' }, OWNER, OWNER), { code: 'InvalidArgument' });
  });
});

describe('s3 CORS (pure)', () => {
  const rules = validateCors([
    { AllowedOrigins: ['https://*.example.com'], AllowedMethods: ['GET', 'PUT'], AllowedHeaders: ['x-amz-*', 'Content-Type'], MaxAgeSeconds: 30 },
    { AllowedOrigins: ['*'], AllowedMethods: ['GET'] },
  ]);

  it('matches origin (one wildcard), method and every requested header, first rule first', () => {
    assert.equal(matchRule(rules, 'https://app.example.com', 'PUT', ['x-amz-date', 'content-type']), rules[0]);
    assert.equal(matchRule(rules, 'https://app.example.com', 'PUT', ['authorization']), undefined);
    assert.equal(matchRule(rules, 'https://other.org', 'GET'), rules[1]);
    assert.equal(matchRule(rules, 'https://other.org', 'PUT'), undefined);
    assert.deepEqual(requestedHeaders(' X-Amz-Date ,content-type,'), ['x-amz-date', 'content-type']);
  });

  it('answers * for a match by the * origin only, with credentials otherwise', () => {
    assert.equal(corsHeaders(rules[1]!, 'https://other.org')['Access-Control-Allow-Origin'], '*');
    assert.equal(corsHeaders(rules[1]!, 'https://other.org')['Access-Control-Allow-Credentials'], undefined);
    const h = corsHeaders(rules[0]!, 'https://app.example.com', { headers: ['x-amz-date'] });
    assert.equal(h['Access-Control-Allow-Origin'], 'https://app.example.com');
    assert.equal(h['Access-Control-Allow-Credentials'], 'true');
    assert.equal(h['Access-Control-Allow-Headers'], 'x-amz-date');
    assert.equal(h['Access-Control-Max-Age'], '30');
  });

  it('refuses what S3 refuses', () => {
    assert.throws(() => validateCors([]), { code: 'MalformedXML' });
    assert.throws(() => validateCors([{ AllowedOrigins: ['*'], AllowedMethods: ['OPTIONS'] }]), { code: 'InvalidRequest' });
    assert.throws(() => validateCors([{ AllowedOrigins: ['**'], AllowedMethods: ['GET'] }]), { code: 'InvalidRequest' });
    assert.throws(() => validateCors([{ AllowedOrigins: ['*'], AllowedMethods: ['GET'], ExposeHeaders: ['x\r\nSet-Cookie: a=b'] }]), { code: 'MalformedXML' });
  });

  it('the codec routes OPTIONS to the preflight with Bucket and Key', () => {
    const req: HttpRequest = { method: 'OPTIONS', rawPath: '/bkt/dir/a%20b.txt', rawQuery: '', headers: {}, body: new Uint8Array(0) };
    assert.equal(restXmlCodec.operationName(model, req), PREFLIGHT_OPERATION);
    assert.deepEqual(restXmlCodec.decode(model, 'PreflightRequest', req), { Bucket: 'bkt', Key: 'dir/a b.txt' });
    const onBucket: HttpRequest = { ...req, rawPath: '/bkt' };
    assert.deepEqual(restXmlCodec.decode(model, 'PreflightRequest', onBucket), { Bucket: 'bkt' });
  });
});
