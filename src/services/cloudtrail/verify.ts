/**
 * `warden audit verify`: validates every trail's digest chain (newest digest per Region, as the
 * delivery state records it) against the Region's public keys, reading the delivered files from
 * a TrailObjectReader (Warden's S3 in the data dir).
 */
import { validateChain, type TrailObjectReader, type ValidationReport } from '../../audit/trail-validate.js';
import type { Store } from '../../store/store.js';
import { readDeliveryState } from './delivery.js';
import { listSigningKeys } from './signing-keys.js';
import { decode } from './trails.js';

export interface TrailVerification {
  readonly trailArn: string;
  readonly region: string;
  /** undefined: the trail has delivered no digest for this Region yet. */
  readonly report?: ValidationReport;
}

export async function verifyTrails(store: Store, reader: TrailObjectReader, only?: { account?: string; trailName?: string }): Promise<TrailVerification[]> {
  const out: TrailVerification[] = [];
  const trails = await store.read(async (tx) => (await tx.scan(only?.account !== undefined ? `cloudtrail/${only.account}/` : 'cloudtrail/')).filter((e) => e.key.split('/')[3] === 'trail').map(decode));
  for (const t of trails) {
    if (only?.trailName !== undefined && t.name !== only.trailName && t.arn !== only.trailName) continue;
    if (!t.logFileValidationEnabled) continue;
    const state = await store.read((tx) => readDeliveryState(tx, t));
    const keys = await store.read((tx) => listSigningKeys(tx, t.region));
    const byFingerprint = new Map(keys.map((k) => [k.fingerprint, k.publicDer]));
    const regions = Object.entries(state?.digests ?? {});
    if (regions.length === 0) out.push({ trailArn: t.arn, region: t.region });
    for (const [region, d] of regions) {
      if (d.previous === undefined) {
        out.push({ trailArn: t.arn, region });
        continue;
      }
      out.push({ trailArn: t.arn, region, report: await validateChain(reader, { bucket: d.previous.bucket, key: d.previous.key }, byFingerprint) });
    }
  }
  return out;
}
