import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { parsePolicies, parseTimestamp } from '../../../src/services/ssm/policies.js';

const NOW = Date.parse('2030-01-01T00:00:00Z');

describe('ssm parameter policy parsing', () => {
  it('reads ISO_INSTANT and ISO_OFFSET_DATE_TIME timestamps', () => {
    assert.equal(parseTimestamp('2018-12-02T21:34:33.000Z'), Date.parse('2018-12-02T21:34:33.000Z'));
    assert.equal(parseTimestamp('2019-11-01T22:13:48.87+10:30'), Date.parse('2019-11-01T11:43:48.870Z'));
    // The user guide's example carries seconds in the offset.
    assert.equal(parseTimestamp('2019-11-01T22:13:48.87+10:30:00'), Date.parse('2019-11-01T11:43:48.870Z'));
    assert.equal(parseTimestamp('2019-11-01T22:13:48.123456789Z'), Date.parse('2019-11-01T22:13:48.123Z'));
    for (const bad of ['2019-11-01', '2019-11-01 22:13:48Z', 'tomorrow', '2019-13-01T00:00:00Z', '2019-11-01T22:13:48']) assert.equal(parseTimestamp(bad), undefined, bad);
  });

  it('keeps the policy text, type and timing; [{}] and [] mean no policies', () => {
    const text = JSON.stringify([
      { Type: 'Expiration', Version: '1.0', Attributes: { Timestamp: '2030-02-01T00:00:00Z' } },
      { Type: 'ExpirationNotification', Version: '1.0', Attributes: { Before: '15', Unit: 'Days' } },
      { Type: 'NoChangeNotification', Version: '1.0', Attributes: { After: '2', Unit: 'Hours' } },
    ]);
    const p = parsePolicies(text, NOW);
    assert.deepEqual(p.map((x) => [x.type, x.status, x.atMs, x.periodMs]), [
      ['Expiration', 'Pending', Date.parse('2030-02-01T00:00:00Z'), undefined],
      ['ExpirationNotification', 'Pending', undefined, 15 * 86_400_000],
      ['NoChangeNotification', 'Pending', undefined, 7_200_000],
    ]);
    assert.equal(JSON.parse(p[0]!.text).Attributes.Timestamp, '2030-02-01T00:00:00Z');
    assert.deepEqual(parsePolicies('[{}]', NOW), []);
    assert.deepEqual(parsePolicies('[]', NOW), []);
  });

  it('refuses with the modeled errors', () => {
    const code = (text: string): string => {
      try {
        parsePolicies(text, NOW);
      } catch (e) {
        return (e as { code: string }).code;
      }
      return 'none';
    };
    assert.equal(code('[{"Type":"Rotate","Version":"1.0","Attributes":{}}]'), 'InvalidPolicyTypeException');
    assert.equal(code('{"Type":"Expiration"}'), 'InvalidPolicyAttributeException');
    assert.equal(code('[{"Type":"Expiration","Version":"1.0","Attributes":{"Timestamp":"2029-01-01T00:00:00Z"}}]'), 'InvalidPolicyAttributeException');
    assert.equal(code('[{"Type":"NoChangeNotification","Version":"1.0","Attributes":{"After":"0","Unit":"Days"}}]'), 'InvalidPolicyAttributeException');
    assert.equal(code('[{"Type":"NoChangeNotification","Version":"1.0","Attributes":{"After":"1","Unit":"Minutes"}}]'), 'InvalidPolicyAttributeException');
    assert.equal(code('[{"Type":"NoChangeNotification","Version":"1.0","Attributes":{"After":"1","Unit":"Days"}},{"Type":"NoChangeNotification","Version":"1.0","Attributes":{"After":"2","Unit":"Days"}}]'), 'IncompatiblePolicyException');
    assert.equal(code(JSON.stringify(Array.from({ length: 11 }, () => ({ Type: 'ExpirationNotification', Version: '1.0', Attributes: { Before: '1', Unit: 'Days' } })))), 'PoliciesLimitExceededException');
  });
});
