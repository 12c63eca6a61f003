import { purgeExpiredSessions } from '../../auth/credentials.js';
import type { BackgroundJob } from '../../core/operation.js';

const PAGE = 500;

/**
 * Expired sessions shrink to tombstones a day after they end (auth/credentials.ts), so that a
 * long-running Warden does not keep every session's principal and policies forever. Pages of
 * access keys, one transaction each, so requests are never held up for long.
 */
export const purgeSessionsJob: BackgroundJob = {
  name: 'purge-expired-sessions',
  intervalMs: () => 10 * 60 * 1000,
  async run(env) {
    let after: string | undefined;
    do {
      const page = await env.store.write((tx) => purgeExpiredSessions(tx, env.clock.now(), after, PAGE));
      after = page.next;
    } while (after !== undefined);
  },
};
