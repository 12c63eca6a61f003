/** AddTags / RemoveTags / ListTags over a trail named by ARN. */
import type { Ctx } from '../../core/operation.js';
import { InvalidTagParameterException, ResourceNotFoundException } from './errors.js';
import type { Tag } from './model.gen.js';
import { loadTrail, type TrailRecord } from './trails.js';

/** The trail a ResourceId names. // unverified: the message of the not-found error. */
export async function trailForTagging(ctx: Ctx, resourceId: string): Promise<{ rec: TrailRecord; version: number }> {
  try {
    return await loadTrail(ctx, resourceId);
  } catch {
    throw new ResourceNotFoundException(`Resource ${resourceId} not found.`);
  }
}

/** Adds or overwrites tags; at most 50 per trail. // unverified: message text */
export function mergeTags(current: readonly Tag[], add: readonly Tag[]): Tag[] {
  const map = new Map(current.map((t) => [t.Key, t] as const));
  for (const t of add) map.set(t.Key, t);
  if (map.size > 50) throw new InvalidTagParameterException('The number of tags exceeds the limit of 50.');
  return [...map.values()];
}
