/** AddTags / RemoveTags / ListTags over a trail named by ARN. */
import type { Ctx } from '../../core/operation.js';
import { CloudTrailARNInvalidException, ResourceNotFoundException, TagsLimitExceededException, TrailNotFoundException } from './errors.js';
import type { Tag } from './model.gen.js';
import { loadTrail, type TrailRecord } from './trails.js';

/**
 * The trail a ResourceId (a trail ARN) names. Not an ARN: CloudTrailARNInvalidException, whose
 * model documentation gives the ARN format. // unverified: both messages.
 */
export async function trailForTagging(ctx: Ctx, resourceId: string): Promise<{ rec: TrailRecord; version: number }> {
  if (!/^arn:aws:cloudtrail:[a-z0-9-]+:\d{12}:trail\/.+$/.test(resourceId)) {
    throw new CloudTrailARNInvalidException(
      `Invalid trail ARN: ${resourceId}. The format of a trail ARN is: arn:aws:cloudtrail:us-east-2:123456789012:trail/MyTrail`,
    );
  }
  try {
    return await loadTrail(ctx, resourceId);
  } catch (e) {
    if (e instanceof TrailNotFoundException) throw new ResourceNotFoundException(`Resource ${resourceId} not found.`);
    throw e;
  }
}

/** Adds or overwrites tags; at most 50 per trail (TagsLimitExceededException's documentation). // unverified: message text */
export function mergeTags(current: readonly Tag[], add: readonly Tag[]): Tag[] {
  const map = new Map(current.map((t) => [t.Key, t] as const));
  for (const t of add) map.set(t.Key, t);
  if (map.size > 50) throw new TagsLimitExceededException('The number of tags per trail has exceeded the permitted amount. Currently, the limit is 50.');
  return [...map.values()];
}
