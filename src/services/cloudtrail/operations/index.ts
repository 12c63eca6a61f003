import type { OperationMap } from '../../../core/operation.js';
import type { Operations } from '../model.gen.js';
import { addTags } from './add-tags.js';
import { createTrail } from './create-trail.js';
import { deleteTrail } from './delete-trail.js';
import { describeTrails } from './describe-trails.js';
import { getTrail } from './get-trail.js';
import { getTrailStatus } from './get-trail-status.js';
import { listTags } from './list-tags.js';
import { listTrails } from './list-trails.js';
import { lookupEvents } from './lookup-events.js';
import { removeTags } from './remove-tags.js';
import { startLogging } from './start-logging.js';
import { stopLogging } from './stop-logging.js';

export const operations = {
  AddTags: addTags,
  CreateTrail: createTrail,
  DeleteTrail: deleteTrail,
  DescribeTrails: describeTrails,
  GetTrail: getTrail,
  GetTrailStatus: getTrailStatus,
  ListTags: listTags,
  ListTrails: listTrails,
  LookupEvents: lookupEvents,
  RemoveTags: removeTags,
  StartLogging: startLogging,
  StopLogging: stopLogging,
} satisfies OperationMap<Operations>;
