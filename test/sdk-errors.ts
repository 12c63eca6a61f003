import assert from 'node:assert/strict';

/** Awaits an SDK rejection and checks its code, HTTP status and (if given) exact message. */
export async function rejects(p: Promise<unknown>, name: string, message?: string | RegExp, status = 400): Promise<any> {
  const err: any = await p.then(
    () => assert.fail(`expected ${name}`),
    (e: unknown) => e,
  );
  assert.equal(err.name, name, `${err.name}: ${err.message}`);
  assert.equal(err.$metadata?.httpStatusCode, status);
  if (typeof message === 'string') assert.equal(err.message, message);
  else if (message instanceof RegExp) assert.match(err.message, message);
  return err;
}
