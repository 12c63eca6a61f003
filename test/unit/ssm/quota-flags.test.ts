import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { parseConfig } from '../../../src/config/config.js';

describe('--ssm-standard-parameter-limit / --ssm-advanced-parameter-limit', () => {
  it("default to AWS's quotas; read from flags and WARDEN_*; refuse nonsense", () => {
    const d = parseConfig([], {});
    assert.deepEqual([d.ssmStandardParameterLimit, d.ssmAdvancedParameterLimit], [10_000, 100_000]);
    const f = parseConfig(['--ssm-standard-parameter-limit', '5', '--ssm-advanced-parameter-limit=7'], {});
    assert.deepEqual([f.ssmStandardParameterLimit, f.ssmAdvancedParameterLimit], [5, 7]);
    assert.equal(parseConfig([], { WARDEN_SSM_STANDARD_PARAMETER_LIMIT: '3' }).ssmStandardParameterLimit, 3);
    assert.throws(() => parseConfig(['--ssm-standard-parameter-limit', '-1'], {}), /--ssm-standard-parameter-limit/);
    assert.throws(() => parseConfig(['--ssm-advanced-parameter-limit', 'many'], {}), /--ssm-advanced-parameter-limit/);
  });
});
