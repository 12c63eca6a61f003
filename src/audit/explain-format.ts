/** `warden explain`: one request's audit event, readable on one screen. */

type Json = Record<string, any>;

function statementLine(s: Json | undefined): string | undefined {
  if (s === undefined) return undefined;
  const sid = s['sid'] !== undefined ? ` (Sid "${s['sid']}")` : '';
  return `${s['effect']} statement #${s['index']}${sid} of ${s['policyId']}`;
}

function decisionLines(d: Json, n: number): string[] {
  const verdict = d['allowed'] ? 'ALLOWED' : d['decision'] === 'explicitDeny' ? 'DENIED (explicit deny)' : 'DENIED (no policy allows it)';
  const lines = [`  ${n}. ${d['action']} on ${d['resource']} → ${verdict}`, `     decided by: ${d['decidedBy']}`];
  const st = statementLine(d['statement']);
  if (st) lines.push(`     statement: ${st}`);
  if (Array.isArray(d['missingContextKeys']) && d['missingContextKeys'].length > 0) {
    lines.push(`     missing context keys: ${d['missingContextKeys'].join(', ')}`);
  }
  if (d['explanation']) lines.push(`     why: ${d['explanation']}`);
  return lines;
}

function who(id: Json | undefined): string {
  if (id === undefined) return 'unknown caller';
  const key = id['accessKeyId'] ? `, access key ${id['accessKeyId']}` : '';
  return id['arn'] ? `${id['arn']} (${id['type']}${key})` : `an unauthenticated caller (${id['type']}${key})`;
}

export function formatExplanation(event: Json): string {
  const service = String(event['eventSource'] ?? '').replace(/\.amazonaws\.com$/, '');
  const result = event['errorCode'] ? `${event['errorCode']}: ${event['errorMessage'] ?? ''}` : 'succeeded';
  const lines = [
    `Request ${event['requestID']} at ${event['eventTime']} in ${event['awsRegion']}`,
    `  ${service}:${event['eventName']} by ${who(event['userIdentity'])}`,
    `  from ${event['sourceIPAddress']} — ${event['userAgent'] ?? ''}`,
    `  result: ${result}`,
  ];
  const warden = event['additionalEventData']?.['warden'] as Json | undefined;
  if (warden?.['signature']) lines.push(`  signature: ${warden['signature']}`);
  const decisions = (warden?.['authorization'] as Json[] | undefined) ?? [];
  if (decisions.length === 0) {
    lines.push('', event['errorCode'] ? 'No authorization decision: the request failed before it was authorized.' : 'No authorization decision was needed for this operation.');
  } else {
    lines.push('', 'Authorization:');
    decisions.forEach((d, i) => lines.push(...decisionLines(d, i + 1)));
  }
  return `${lines.join('\n')}\n`;
}
