/**
 * Encoded authorization failure messages (STS DecodeAuthorizationMessage).
 *
 * Some AWS services (EC2 among them) answer a denial with "Encoded authorization failure
 * message: …", an opaque string that only `sts:DecodeAuthorizationMessage` turns back into the
 * decision's details, because those "could reveal privileged information" (API reference). Warden
 * writes one for every denied decision into the audit event (additionalEventData.warden
 * .authorization[].encodedMessage), where an operator finds it next to the error, and leaves the
 * services' error texts as AWS has them.
 *
 * The message is the DecodedMessage JSON sealed by the barrier (AES-256-GCM, AAD naming its
 * purpose), so it cannot be read or forged without Warden; it is base64url text. It carries the
 * issuing account, and is decoded only for callers of that account.
 *
 * DecodedMessage's shape, as AWS's decoded messages look (API_DecodeAuthorizationMessage and the
 * decoded EC2 messages users post): {"allowed", "explicitDeny", "matchedStatements": {"items": [...]},
 * "failures": {"items": [...]}, "context": {"principal": {"id", "name", "arn"}, "action",
 * "resource", "conditions": {"items": [{"key", "values": {"items": [{"value"}]}}]}}}.
 */
import type { ConditionValue, JsonObject, SealingBarrier } from '../core/operation.js';
import type { Principal } from '../core/principal.js';
import type { Decision } from './authorizer.js';

const AAD = 'sts/authorization-message';
/** The model's encodedMessageType allows 10,240 characters. */
const MAX_ENCODED = 10_240;

interface Sealed {
  readonly v: 1;
  readonly account: string;
  readonly decoded: JsonObject;
}

function decodedMessage(d: Decision, principal: Principal, context: ReadonlyMap<string, ConditionValue>, conditionLimit: number): JsonObject {
  const items = [...context.entries()].slice(0, conditionLimit).map(([key, v]) => ({ key, values: { items: (typeof v === 'string' ? [v] : [...v]).map((value) => ({ value })) } }));
  return {
    allowed: d.allowed,
    explicitDeny: d.explicitDeny,
    matchedStatements: {
      items: d.matchedStatements.map((s) => ({
        statementId: s.sid ?? '',
        effect: s.effect === 'Deny' ? 'DENY' : 'ALLOW',
        // Warden's addition: which policy the statement is in, and where.
        policy: { type: s.policyKind, id: s.policyId, index: s.index },
      })),
    },
    failures: { items: [] },
    context: {
      principal: { id: principal.principalId, ...(principal.userName !== undefined ? { name: principal.userName } : {}), arn: principal.arn },
      action: d.action,
      resource: d.resource,
      conditions: { items },
    },
  };
}

/** The encoded message of a decision (the context: the request's condition keys and values). */
export function encodeAuthorizationMessage(barrier: SealingBarrier, d: Decision, principal: Principal, context: ReadonlyMap<string, ConditionValue>): string {
  for (let limit = context.size; ; limit = Math.floor(limit / 2)) {
    const sealed: Sealed = { v: 1, account: principal.account, decoded: decodedMessage(d, principal, context, limit) };
    const text = Buffer.from(barrier.seal(AAD, Buffer.from(JSON.stringify(sealed), 'utf8'))).toString('base64url');
    // Too long for DecodeAuthorizationMessage: fewer condition keys.
    if (text.length <= MAX_ENCODED || limit === 0) return text;
  }
}

/** The DecodedMessage JSON, or undefined when the message is not one Warden issued for `account`. */
export function decodeAuthorizationMessage(barrier: SealingBarrier, encoded: string, account: string): string | undefined {
  if (!/^[A-Za-z0-9_-]+$/.test(encoded)) return undefined;
  let sealed: Sealed;
  try {
    sealed = JSON.parse(Buffer.from(barrier.unseal(AAD, Buffer.from(encoded, 'base64url'))).toString('utf8')) as Sealed;
  } catch {
    return undefined;
  }
  return sealed.v === 1 && sealed.account === account ? JSON.stringify(sealed.decoded) : undefined;
}
