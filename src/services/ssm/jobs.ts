/**
 * Parameter policies enforced by Parameter Store itself "by using asynchronous, periodic scans"
 * (parameter-store-policies.md): Expiration deletes the parameter when due; ExpirationNotification
 * and NoChangeNotification send an EventBridge event, as does the expiry itself.
 *
 * Each action is audited as Parameter Store's own event (userIdentity AWSService, invoked by
 * ssm.amazonaws.com). // unverified: AWS's record of a policy deletion was not found in its docs.
 * Differs from AWS: Warden has no EventBridge yet, so each such event is recorded in the audit log
 * as the event EventBridge would have received (additionalEventData.eventBridgeEvent); a
 * notification policy's status then becomes Finished. The "Parameter Store Change" events AWS
 * sends for every create, update, delete and label are not recorded at all.
 */
import { isoSeconds } from '../../core/clock.js';
import { randomUUID } from 'node:crypto';
import { buildEvent } from '../../audit/event.js';
import type { BackgroundJob, JobEnv, JsonObject } from '../../core/operation.js';
import type { WriteTx } from '../../store/store.js';
import { current, deleteParameterIn, isExpired, putParameterIn, scanAllParameters, type ParameterRecord, type StoredPolicy } from './state.js';

const SERVICE = 'ssm.amazonaws.com';
export const POLICY_SCAN_MS = 60_000;

function audit(tx: WriteTx, rec: ParameterRecord, nowMs: number, eventName: string, eventType: 'AwsApiCall' | 'AwsServiceEvent', extra: { requestParameters?: JsonObject; additionalEventData?: JsonObject }): void {
  const built = buildEvent({
    requestId: randomUUID(),
    timeMs: nowMs,
    eventSource: SERVICE,
    eventName,
    region: rec.region,
    sourceIp: SERVICE,
    userAgent: SERVICE,
    recipientAccount: rec.account,
    readOnly: false,
    eventCategory: 'Management',
    requestParameters: extra.requestParameters ?? null,
    responseElements: null,
    ...(extra.additionalEventData !== undefined ? { additionalEventData: extra.additionalEventData } : {}),
    resources: [{ ARN: rec.arn, accountId: rec.account, type: 'AWS::SSM::Parameter' }],
  });
  const record = JSON.parse(built.json) as JsonObject;
  record['userIdentity'] = { type: 'AWSService', invokedBy: SERVICE };
  record['eventType'] = eventType;
  tx.appendAudit({ ...built, json: JSON.stringify(record) });
}

/**
 * The EventBridge event a policy action emits: source aws.ssm, detail-type "Parameter Store Policy
 * Action", detail with the policy-type (user guide, sysman-paramstore-cwe.md; that page's patterns
 * name the parameter `name`, newer examples `parameter-name`: both are set). // unverified: the other detail keys
 */
function eventBridgeEvent(rec: ParameterRecord, p: StoredPolicy, nowMs: number): JsonObject {
  return {
    source: 'aws.ssm',
    'detail-type': 'Parameter Store Policy Action',
    account: rec.account,
    region: rec.region,
    time: isoSeconds(nowMs),
    resources: [rec.arn],
    detail: { name: rec.name, 'parameter-name': rec.name, 'parameter-type': current(rec).type, 'policy-type': p.type, 'action-status': 'Finished', 'policy-content': p.text },
  };
}

/** True when a notification policy of the current version is due and not yet sent. */
function due(rec: ParameterRecord, p: StoredPolicy, nowMs: number): boolean {
  if (p.status !== 'Pending' || p.periodMs === undefined) return false;
  const v = current(rec);
  if (p.type === 'NoChangeNotification') return nowMs >= v.modifiedMs + p.periodMs;
  const at = v.policies?.find((x) => x.type === 'Expiration')?.atMs;
  return p.type === 'ExpirationNotification' && at !== undefined && nowMs >= at - p.periodMs;
}

/** One scan: every account and Region, one transaction. */
export async function enforcePolicies(env: Pick<JobEnv, 'store' | 'clock'>): Promise<void> {
  await env.store.write(async (tx) => {
    const now = env.clock.now();
    for (const { rec, version } of await scanAllParameters(tx)) {
      if (isExpired(rec, now)) {
        await deleteParameterIn(tx, rec, version);
        const expiration = current(rec).policies!.find((p) => p.type === 'Expiration')!;
        audit(tx, rec, now, 'DeleteParameter', 'AwsApiCall', {
          requestParameters: { name: rec.name },
          additionalEventData: { reason: 'Expiration parameter policy', eventBridgeEvent: eventBridgeEvent(rec, expiration, now) },
        });
        continue;
      }
      const v = current(rec);
      const policies = v.policies ?? [];
      if (!policies.some((p) => due(rec, p, now))) continue;
      const updated = policies.map((p) => {
        if (!due(rec, p, now)) return p;
        audit(tx, rec, now, 'Parameter Store Policy Action', 'AwsServiceEvent', { additionalEventData: { eventBridgeEvent: eventBridgeEvent(rec, p, now) } });
        return { ...p, status: 'Finished' as const };
      });
      putParameterIn(tx, { ...rec, versions: [...rec.versions.slice(0, -1), { ...v, policies: updated }] }, version);
    }
  });
}

export const policyJob: BackgroundJob = {
  name: 'parameter-policies',
  intervalMs: () => POLICY_SCAN_MS,
  run: (env) => enforcePolicies(env),
};
