/** NextToken paging over an ordered list: the token is the offset, opaque to callers. */
import { InvalidNextTokenException } from './errors.js';

export function page<T>(items: readonly T[], maxResults: number | undefined, token: string | undefined): { items: T[]; next?: string } {
  let start = 0;
  if (token !== undefined) {
    const n = Number(Buffer.from(token, 'base64url').toString('utf8').replace(/^o:/, ''));
    // moto's text. // unverified
    if (!/^o:\d+$/.test(Buffer.from(token, 'base64url').toString('utf8')) || n > items.length) throw new InvalidNextTokenException('Invalid NextToken.');
    start = n;
  }
  const size = maxResults ?? 100;
  const end = start + size;
  return { items: items.slice(start, end), ...(end < items.length ? { next: Buffer.from(`o:${end}`, 'utf8').toString('base64url') } : {}) };
}
