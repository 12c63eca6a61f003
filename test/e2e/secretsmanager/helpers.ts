/** Warden's built-in rotation function (random password), as a RotationLambdaARN. */
export const BUILTIN = 'arn:aws:lambda:us-east-1:000000000000:function:warden-random-password';

/** Polls until `check` holds (rotation and the background jobs are asynchronous, as in AWS). */
export async function eventually<T>(what: string, fn: () => Promise<T>, check: (v: T) => boolean, ms = 8000): Promise<T> {
  const end = Date.now() + ms;
  for (;;) {
    const v = await fn();
    if (check(v)) return v;
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}: ${JSON.stringify(v)}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}
