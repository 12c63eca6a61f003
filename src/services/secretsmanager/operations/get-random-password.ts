// https://docs.aws.amazon.com/secretsmanager/latest/apireference/API_GetRandomPassword.html
import { randomInt } from 'node:crypto';
import { defineOperation } from '../../../core/operation.js';
import { InvalidParameterException } from '../errors.js';
import type { Operations } from '../model.gen.js';

type Op = Operations['GetRandomPassword'];

const LOWER = 'abcdefghijklmnopqrstuvwxyz';
const UPPER = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ';
const DIGITS = '0123456789';
// "!\"#$%&'()*+,-./:;<=>?@[\\]^_`{|}~" (API reference, ExcludePunctuation).
const PUNCTUATION = '!"#$%&\'()*+,-./:;<=>?@[\\]^_`{|}~';

export const getRandomPassword = defineOperation<Op['input'], Op['output']>({
  name: 'GetRandomPassword',
  actions: ['secretsmanager:GetRandomPassword'],
  readOnly: true,
  // The password is `sensitive` in the model: never in the log.
  audit: { response: () => null },
  async handler(input, ctx) {
    await ctx.authorize({ action: 'secretsmanager:GetRandomPassword', resource: '*' });
    const length = input.PasswordLength ?? 32;
    const excluded = new Set(input.ExcludeCharacters ?? '');
    const keep = (s: string) => [...s].filter((c) => !excluded.has(c)).join('');
    const classes = [
      input.ExcludeLowercase === true ? '' : keep(LOWER),
      input.ExcludeUppercase === true ? '' : keep(UPPER),
      input.ExcludeNumbers === true ? '' : keep(DIGITS),
      input.ExcludePunctuation === true ? '' : keep(PUNCTUATION),
      input.IncludeSpace === true ? keep(' ') : '',
    ].filter((c) => c.length > 0);
    const requireEach = input.RequireEachIncludedType ?? true;
    // moto's texts. // unverified
    if (classes.length === 0) throw new InvalidParameterException('No characters left to generate a password from.');
    if (requireEach && length < classes.length) throw new InvalidParameterException('Password length is too short based on the required types.');
    const pool = classes.join('');
    const chars = Array.from({ length }, () => pool[randomInt(pool.length)]!);
    if (requireEach) {
      // One of each class at distinct random positions.
      const positions = new Set<number>();
      while (positions.size < classes.length) positions.add(randomInt(length));
      [...positions].forEach((pos, i) => (chars[pos] = classes[i]![randomInt(classes[i]!.length)]!));
    }
    return { RandomPassword: chars.join('') };
  },
});
