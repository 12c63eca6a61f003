import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { compileJavaPattern, translateJavaPattern } from '../../../src/model/java-regex.js';
import { loadServices } from '../../../scripts/codegen/models.js';

const matches = (java: string, value: string): boolean => {
  const re = compileJavaPattern(java);
  assert.ok(re, `pattern ${java} should compile`);
  return re.test(value);
};

describe('model Java patterns', () => {
  it('match the whole value, as Matcher.matches() does', () => {
    assert.equal(matches('[\\w+=,.@-]*', 'Session1:2'), false);
    assert.equal(matches('[\\w+=,.@-]*', 'Session1.2'), true);
    assert.equal(matches('abc|xyz', 'abcxyz'), false);
  });

  it('accept identity escapes of punctuation, illegal in JS unicode mode', () => {
    assert.equal(matches('^[\\w\\.\\-\\:\\/ ]*$', 'a-b:c/d e.f'), true);
    assert.equal(matches('[A-Za-z0-9\\_\\-]+', 'a_b-c'), true);
    assert.equal(matches('guard\\-2\\.x\\.x', 'guard-2.x.x'), true);
    assert.equal(matches('^\\!?[a-zA-Z0-9 :_@\\/\\+\\=\\.\\-\\!]*$', '!a=b'), true);
  });

  it('read a hyphen beside a class shorthand as a literal', () => {
    assert.equal(matches('[a-zA-Z\\d-_/]+', 'a-_/9'), true);
    assert.equal(matches('[a-z-_]+', 'a-_'), true);
    assert.equal(matches('[a-zA-Z+-=._:/]+', 'a,b'), true); // +-= is a range in Java too
  });

  it('apply leading inline flags', () => {
    assert.equal(matches('(?i)all|[0-9]{12}', 'ALL'), true);
    assert.equal(matches('(?s).*', 'a\nb'), true);
    assert.equal(matches('.*', 'a\nb'), false);
  });

  it('keep Java\'s ASCII \\s and \\S, also inside classes', () => {
    assert.equal(matches('\\s', '\u00a0'), false);
    assert.equal(matches('[\\s\\S]*', 'a\u00a0\u2028\n'), true);
    assert.equal(matches('[\\S]+', 'a\u00a0'), true);
  });

  it('read surrogate-pair escapes as one code point, and \\x{…}', () => {
    const xml = '[\\u0020-\\uD7FF\\uE000-\\uFFFD\\uD800\\uDC00-\\uDBFF\\uDFFF\\t]*';
    assert.equal(matches(xml, 'key \u{1F511}'), true);
    assert.equal(matches(xml, '\u0001'), false);
    assert.equal(matches('\\x{1F511}', '\u{1F511}'), true);
  });

  it('translate POSIX and Is-prefixed properties, unions, \\Q…\\E', () => {
    assert.equal(matches('\\p{Alpha}+\\p{Digit}', 'abc1'), true);
    assert.equal(matches('\\p{IsL}+', 'é'), true);
    assert.equal(matches('\\p{IsLatin}+', 'abc'), true);
    assert.equal(matches('[\\p{L}\\p{Z}\\p{N}_.:/=+\\-@]+', 'a b:1'), true);
    assert.equal(matches('[a[0-9]]+', 'a1'), true);
    assert.equal(matches('\\Q.*\\E', '.*'), true);
    assert.equal(matches('\\Q.*\\E', 'ab'), false);
  });

  it('approximate possessive quantifiers and atomic groups, and say so', () => {
    assert.equal(translateJavaPattern('a*+b')?.approximate, true);
    assert.equal(translateJavaPattern('(?>ab)c')?.approximate, true);
    assert.equal(translateJavaPattern('ab')?.approximate, false);
  });

  it('refuse what JS cannot express instead of throwing', () => {
    for (const p of ['[a-z&&[^e]]', '\\p{InGreek}', 'a(?i)b', '[^a[b]]', '\\G', '(?x)a b', '[a']) {
      assert.equal(translateJavaPattern(p), undefined, p);
      assert.equal(compileJavaPattern(p), undefined, p);
    }
  });

  it('translate every pattern of the vendored models', () => {
    const failed: string[] = [];
    for (const svc of loadServices()) {
      for (const shape of Object.values(svc.model.shapes)) {
        if (typeof shape.pattern === 'string' && translateJavaPattern(shape.pattern) === undefined) failed.push(`${svc.name}: ${shape.pattern}`);
      }
    }
    assert.deepEqual(failed, []);
  });
});
