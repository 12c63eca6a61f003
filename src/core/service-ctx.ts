import type { Ctx, ExtraAuditEvent, JobEnv } from './operation.js';
import type { WriteTx } from '../store/store.js';

export interface ServiceCtxOptions {
  /** Shown as sourceIPAddress/userAgent: the service principal, or `AWS Internal`. */
  readonly actor: string;
  readonly requestId: string;
  /** How the service's own work treats an authorization check (default: a defect). */
  readonly authorize: Ctx['authorize'];
  /** Where events emitted by code called for the service go (default: a defect). */
  readonly emitEvent: (e: ExtraAuditEvent) => void;
}

/**
 * The Ctx for a service acting on its own, outside any request (background jobs, built-in
 * rotation): the account's root as principal, a connection that never left the process.
 */
export function serviceCtx(env: Pick<JobEnv, 'clock' | 'barrier' | 'config'>, tx: WriteTx, account: string, region: string, opts: ServiceCtxOptions): Ctx {
  return {
    requestId: opts.requestId,
    principal: { type: 'Root', account, arn: `arn:aws:iam::${account}:root`, principalId: account, accessKeyId: '' },
    account,
    region,
    tx,
    clock: env.clock,
    sourceIp: opts.actor,
    userAgent: opts.actor,
    secureTransport: true,
    authorize: opts.authorize,
    audit: { addResource: () => undefined, additionalEventData: () => undefined, emitEvent: opts.emitEvent },
    barrier: env.barrier,
    config: env.config,
  };
}
