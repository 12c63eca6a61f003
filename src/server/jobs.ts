import type { BackgroundJob, JobEnv, ServiceDefinition } from '../core/operation.js';

export interface RunningJobs {
  /** Stops the timers and waits for runs in progress. */
  stop(): Promise<void>;
}

/**
 * Runs every service's background jobs on their intervals. A run that is still going when its
 * next tick comes is not started twice; an error is logged and the job tries again next tick.
 */
export function startJobs(services: readonly ServiceDefinition[], env: JobEnv): RunningJobs {
  const timers: NodeJS.Timeout[] = [];
  const running = new Set<Promise<void>>();
  let stopped = false;
  for (const service of services) {
    for (const job of service.backgroundJobs ?? []) {
      let busy = false;
      const tick = (): void => {
        if (busy || stopped) return;
        busy = true;
        const run = runOnce(service.name, job, env).finally(() => {
          busy = false;
          running.delete(run);
        });
        running.add(run);
      };
      const timer = setInterval(tick, Math.max(10, job.intervalMs(env)));
      timer.unref();
      timers.push(timer);
    }
  }
  return {
    async stop() {
      stopped = true;
      for (const t of timers) clearInterval(t);
      await Promise.allSettled([...running]);
    },
  };
}

async function runOnce(service: string, job: BackgroundJob, env: JobEnv): Promise<void> {
  try {
    await job.run(env);
  } catch (err) {
    env.log.error(`background job ${service}/${job.name} failed`, { error: err instanceof Error ? (err.stack ?? err.message) : String(err) });
  }
}
