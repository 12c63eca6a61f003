/**
 * The HTTP executor: each step is POSTed as the Lambda event (JSON) to a configured URL; a 2xx
 * answer is success, anything else (or no answer within the timeout) a failed step. The code behind
 * the URL does the step's work by calling Warden's Secrets Manager API, as a rotation Lambda does.
 */
import type { RotationExecutor } from './executor.js';

/** Lambda's longest run is 15 minutes; a step here gets 5. */
const TIMEOUT_MS = 5 * 60_000;

export function httpExecutor(url: string): RotationExecutor {
  return {
    description: `http ${url}`,
    async invoke(event) {
      let res: Response;
      try {
        res = await fetch(url, {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify(event),
          signal: AbortSignal.timeout(TIMEOUT_MS),
        });
      } catch (err) {
        throw new Error(`${event.Step}: rotation endpoint ${url} did not answer (${err instanceof Error ? err.message : String(err)})`);
      }
      const body = await res.text().catch(() => '');
      if (res.status < 200 || res.status > 299) {
        throw new Error(`${event.Step}: rotation endpoint ${url} answered ${res.status}${body ? `: ${body.slice(0, 200)}` : ''}`);
      }
    },
  };
}
