import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { AwsError, ProtocolError, ServerFault } from '../../../src/core/errors.js';
import type { ServiceModel } from '../../../src/model/types.js';
import { queryCodec } from '../../../src/protocol/query.js';
import { loadModel, queryRequest } from './helpers.js';

const sts = loadModel('sts');
const iam = loadModel('iam');

class NoSuchEntity extends AwsError { readonly code = 'NoSuchEntity'; override readonly httpStatus = 404; }
class ServiceFailure extends ServerFault { readonly code = 'ServiceFailure'; }

const STS_NS = 'https://sts.amazonaws.com/doc/2011-06-15/';
const IAM_NS = 'https://iam.amazonaws.com/doc/2010-05-08/';
const FAULT_NS = 'http://webservices.amazon.com/AWSFault/2005-15-09';
const meta = (id: string) => `<ResponseMetadata><RequestId>${id}</RequestId></ResponseMetadata>`;

function errorOf(fn: () => unknown, model: ServiceModel | undefined = sts): { status: number; body: string } {
  try {
    fn();
  } catch (e) {
    assert.ok(e instanceof AwsError, String(e));
    const res = queryCodec.encodeError(model, e, 'req-9');
    assert.equal(res.headers['Content-Type'], 'text/xml');
    assert.equal(res.headers['x-amzn-RequestId'], 'req-9');
    return { status: res.status, body: res.body as string };
  }
  assert.fail('no error');
}

const errorXml = (ns: string, code: string, message: string | undefined, type = 'Sender') =>
  `<ErrorResponse xmlns="${ns}"><Error><Type>${type}</Type><Code>${code}</Code>` +
  `${message === undefined ? '' : `<Message>${message}</Message>`}</Error><RequestId>req-9</RequestId></ErrorResponse>`;

describe('query codec operationName', () => {
  it('reads Action and Version from a POST body and from a GET query string', () => {
    assert.equal(queryCodec.operationName(sts, queryRequest('Action=GetCallerIdentity&Version=2011-06-15')), 'GetCallerIdentity');
    assert.equal(queryCodec.operationName(iam, queryRequest('Action=ListUsers&Version=2010-05-08&MaxItems=5', 'GET')), 'ListUsers');
  });

  it('answers a missing Action with MissingAction in the fault namespace', () => {
    assert.deepEqual(errorOf(() => queryCodec.operationName(sts, queryRequest('Version=2011-06-15'))),
      { status: 400, body: errorXml(FAULT_NS, 'MissingAction', 'Missing Action') });
  });

  it('answers an unknown Action with InvalidAction "Could not find operation X for version Y"', () => {
    assert.deepEqual(errorOf(() => queryCodec.operationName(iam, queryRequest('Action=ListUserssssss&Version=2010-05-08'))),
      { status: 400, body: errorXml(FAULT_NS, 'InvalidAction', 'Could not find operation ListUserssssss for version 2010-05-08') });
  });

  it('answers another version or none with InvalidAction naming it', () => {
    assert.deepEqual(errorOf(() => queryCodec.operationName(sts, queryRequest('Action=GetCallerIdentity&Version=2010-05-08'))),
      { status: 400, body: errorXml(FAULT_NS, 'InvalidAction', 'Could not find operation GetCallerIdentity for version 2010-05-08') });
    assert.deepEqual(errorOf(() => queryCodec.operationName(sts, queryRequest('Action=GetCallerIdentity'))),
      { status: 400, body: errorXml(FAULT_NS, 'InvalidAction', 'Could not find operation GetCallerIdentity for version NO_VERSION_SPECIFIED') });
  });

  it('does not take inherited property names for operations', () => {
    assert.equal(errorOf(() => queryCodec.operationName(sts, queryRequest('Action=toString&Version=2011-06-15'))).status, 400);
  });
});

describe('query codec decode', () => {
  it('decodes STS AssumeRole as the SDKs send it: lists of strings and structures, integers', () => {
    const req = queryRequest('Action=AssumeRole&Version=2011-06-15&RoleArn=arn%3Aaws%3Aiam%3A%3A111122223333%3Arole%2Fdemo' +
      '&RoleSessionName=s%20one&DurationSeconds=900&PolicyArns.member.1.arn=arn%3Ap1&PolicyArns.member.2.arn=arn%3Ap2' +
      '&Tags.member.2.Key=b&Tags.member.2.Value=2&Tags.member.1.Key=a&Tags.member.1.Value=1&TransitiveTagKeys.member.1=a' +
      '&Policy=%7B%22Version%22%3A%222012-10-17%22%7D&Unknown=x&X-Amz-Date=20240101T000000Z');
    assert.deepEqual(queryCodec.decode(sts, 'AssumeRole', req), {
      RoleArn: 'arn:aws:iam::111122223333:role/demo', RoleSessionName: 's one', DurationSeconds: 900,
      PolicyArns: [{ arn: 'arn:p1' }, { arn: 'arn:p2' }], Tags: [{ Key: 'a', Value: '1' }, { Key: 'b', Value: '2' }],
      TransitiveTagKeys: ['a'], Policy: '{"Version":"2012-10-17"}',
    });
  });

  it('decodes "+" as a space and an empty list as []', () => {
    const req = queryRequest('Action=CreateUser&Version=2010-05-08&UserName=a+b&Tags=');
    assert.deepEqual(queryCodec.decode(iam, 'CreateUser', req), { UserName: 'a b', Tags: [] });
  });

  it('decodes nested lists inside list members (IAM SimulatePrincipalPolicy ContextEntries)', () => {
    const req = queryRequest('Action=SimulatePrincipalPolicy&Version=2010-05-08&PolicySourceArn=arn&ActionNames.member.1=s3%3AGetObject' +
      '&ContextEntries.member.1.ContextKeyName=aws%3ASourceIp&ContextEntries.member.1.ContextKeyType=ip' +
      '&ContextEntries.member.1.ContextKeyValues.member.1=10.0.0.1&ContextEntries.member.1.ContextKeyValues.member.2=10.0.0.2&MaxItems=10');
    assert.deepEqual(queryCodec.decode(iam, 'SimulatePrincipalPolicy', req), {
      PolicySourceArn: 'arn', ActionNames: ['s3:GetObject'], MaxItems: 10,
      ContextEntries: [{ ContextKeyName: 'aws:SourceIp', ContextKeyType: 'ip', ContextKeyValues: ['10.0.0.1', '10.0.0.2'] }],
    });
  });

  it('decodes an operation with no members to {}', () => {
    assert.deepEqual(queryCodec.decode(sts, 'GetCallerIdentity', queryRequest('Action=GetCallerIdentity&Version=2011-06-15')), {});
  });

  // MalformedInput texts: floci's probes of real SES (query.ts).
  for (const [params, message] of [
    ['MaxItems=abc', undefined],
    ['MaxItems=1.5', undefined],
    ['MaxItems=', 'missing value for decimal type'],
  ] as const) {
    it(`answers IAM ListUsers ${params} with MalformedInput`, () => {
      assert.deepEqual(errorOf(() => queryCodec.decode(iam, 'ListUsers', queryRequest(`Action=ListUsers&Version=2010-05-08&${params}`)), iam),
        { status: 400, body: errorXml(IAM_NS, 'MalformedInput', message) });
    });
  }
});

describe('query codec encodeOutput', () => {
  it('renders STS GetCallerIdentity as AWS does', () => {
    const res = queryCodec.encodeOutput(sts, 'GetCallerIdentity', { UserId: 'AIDAEXAMPLE', Account: '111122223333', Arn: 'arn:aws:iam::111122223333:user/alice' }, 'req-1');
    assert.deepEqual(res, {
      status: 200,
      headers: { 'Content-Type': 'text/xml', 'x-amzn-RequestId': 'req-1' },
      body: `<GetCallerIdentityResponse xmlns="${STS_NS}"><GetCallerIdentityResult><UserId>AIDAEXAMPLE</UserId>` +
        '<Account>111122223333</Account><Arn>arn:aws:iam::111122223333:user/alice</Arn></GetCallerIdentityResult>' +
        `${meta('req-1')}</GetCallerIdentityResponse>`,
    });
  });

  it('renders STS AssumeRole: nested structures, ISO 8601 timestamps with milliseconds, escaped text', () => {
    const res = queryCodec.encodeOutput(sts, 'AssumeRole', {
      Credentials: { AccessKeyId: 'ASIAEXAMPLE', SecretAccessKey: 'se/cret', SessionToken: 'tok<&>"', Expiration: new Date('2011-07-15T23:28:33.359Z') },
      AssumedRoleUser: { AssumedRoleId: 'AROA3XFRBF535PLBIFPI4:s3-access-example', Arn: 'arn:aws:sts::123456789012:assumed-role/demo/s' },
      PackedPolicySize: 8, SourceIdentity: undefined,
    }, 'r');
    assert.equal(res.body, `<AssumeRoleResponse xmlns="${STS_NS}"><AssumeRoleResult><Credentials><AccessKeyId>ASIAEXAMPLE</AccessKeyId>` +
      '<SecretAccessKey>se/cret</SecretAccessKey><SessionToken>tok&lt;&amp;&gt;&quot;</SessionToken><Expiration>2011-07-15T23:28:33.359Z</Expiration>' +
      '</Credentials><AssumedRoleUser><AssumedRoleId>AROA3XFRBF535PLBIFPI4:s3-access-example</AssumedRoleId>' +
      '<Arn>arn:aws:sts::123456789012:assumed-role/demo/s</Arn></AssumedRoleUser><PackedPolicySize>8</PackedPolicySize>' +
      `</AssumeRoleResult>${meta('r')}</AssumeRoleResponse>`);
  });

  it('renders IAM ListUsers: lists as <member>, whole-second timestamps without milliseconds, booleans', () => {
    const res = queryCodec.encodeOutput(iam, 'ListUsers', {
      Users: [
        { UserName: 'alice', Path: '/', UserId: 'AIDA1', Arn: 'arn:aws:iam::1:user/alice', CreateDate: new Date('2014-04-09T19:11:35Z'), Tags: [{ Key: 'k', Value: 'v' }] },
        { UserName: 'bob', Path: '/', UserId: 'AIDA2', Arn: 'arn:aws:iam::1:user/bob', CreateDate: new Date('2014-04-09T19:11:35.5Z'), Tags: [] },
      ],
      IsTruncated: false,
    }, 'r');
    assert.equal(res.body, `<ListUsersResponse xmlns="${IAM_NS}"><ListUsersResult><Users>` +
      '<member><Path>/</Path><UserName>alice</UserName><UserId>AIDA1</UserId><Arn>arn:aws:iam::1:user/alice</Arn>' +
      '<CreateDate>2014-04-09T19:11:35Z</CreateDate><Tags><member><Key>k</Key><Value>v</Value></member></Tags></member>' +
      '<member><Path>/</Path><UserName>bob</UserName><UserId>AIDA2</UserId><Arn>arn:aws:iam::1:user/bob</Arn>' +
      '<CreateDate>2014-04-09T19:11:35.500Z</CreateDate><Tags/></member>' +
      `</Users><IsTruncated>false</IsTruncated></ListUsersResult>${meta('r')}</ListUsersResponse>`);
  });

  it('renders IAM GetAccountSummary: maps as <entry><key/><value/></entry>', () => {
    const res = queryCodec.encodeOutput(iam, 'GetAccountSummary', { SummaryMap: { Users: 2, Groups: 0 } }, 'r');
    assert.equal(res.body, `<GetAccountSummaryResponse xmlns="${IAM_NS}"><GetAccountSummaryResult><SummaryMap>` +
      '<entry><key>Users</key><value>2</value></entry><entry><key>Groups</key><value>0</value></entry>' +
      `</SummaryMap></GetAccountSummaryResult>${meta('r')}</GetAccountSummaryResponse>`);
  });

  it('renders an operation without output as ResponseMetadata only', () => {
    assert.equal(queryCodec.encodeOutput(iam, 'DeleteUser', undefined, 'r').body,
      `<DeleteUserResponse xmlns="${IAM_NS}">${meta('r')}</DeleteUserResponse>`);
  });

  it('escapes carriage returns and control characters as character references', () => {
    const res = queryCodec.encodeOutput(sts, 'GetCallerIdentity', { UserId: 'a\r\nb\u0001' }, 'r');
    assert.match(res.body as string, /<UserId>a&#xD;\nb&#x1;<\/UserId>/);
  });
});

describe('query codec encodeError', () => {
  it('renders a modeled IAM error with its code, status and the service namespace', () => {
    const res = queryCodec.encodeError(iam, new NoSuchEntity('The user with name bob cannot be found.'), 'req-9');
    assert.deepEqual(res, {
      status: 404,
      headers: { 'Content-Type': 'text/xml', 'x-amzn-RequestId': 'req-9' },
      body: errorXml(IAM_NS, 'NoSuchEntity', 'The user with name bob cannot be found.'),
    });
  });

  it('renders server faults as Receiver', () => {
    const res = queryCodec.encodeError(iam, new ServiceFailure('x < y'), 'req-9');
    assert.equal(res.status, 500);
    assert.equal(res.body, errorXml(IAM_NS, 'ServiceFailure', 'x &lt; y', 'Receiver'));
  });

  it('renders extra fields inside <Error>, and the fault namespace without a model', () => {
    const res = queryCodec.encodeError(undefined, new ProtocolError('Throttling', 'Rate exceeded', 400, { Detail: 'd&' }), 'req-9');
    assert.equal(res.body, `<ErrorResponse xmlns="${FAULT_NS}"><Error><Type>Sender</Type><Code>Throttling</Code>` +
      '<Message>Rate exceeded</Message><Detail>d&amp;</Detail></Error><RequestId>req-9</RequestId></ErrorResponse>');
  });
});
