import type { OperationMap } from '../../../core/operation.js';
import type { Operations } from '../model.gen.js';
import { addTags } from './add-tags.js';
import { createTrail } from './create-trail.js';
import { deleteTrail } from './delete-trail.js';
import { describeTrails } from './describe-trails.js';
import { getEventSelectors } from './get-event-selectors.js';
import { getInsightSelectors } from './get-insight-selectors.js';
import { getTrail } from './get-trail.js';
import { getTrailStatus } from './get-trail-status.js';
import { listPublicKeys } from './list-public-keys.js';
import { listTags } from './list-tags.js';
import { listTrails } from './list-trails.js';
import { lookupEvents } from './lookup-events.js';
import { putEventSelectors } from './put-event-selectors.js';
import { putInsightSelectors } from './put-insight-selectors.js';
import { removeTags } from './remove-tags.js';
import { startLogging } from './start-logging.js';
import { stopLogging } from './stop-logging.js';
import { updateTrail } from './update-trail.js';

export const operations = {
  AddTags: addTags,
  CreateTrail: createTrail,
  DeleteTrail: deleteTrail,
  DescribeTrails: describeTrails,
  GetEventSelectors: getEventSelectors,
  GetInsightSelectors: getInsightSelectors,
  GetTrail: getTrail,
  GetTrailStatus: getTrailStatus,
  ListPublicKeys: listPublicKeys,
  ListTags: listTags,
  ListTrails: listTrails,
  LookupEvents: lookupEvents,
  PutEventSelectors: putEventSelectors,
  PutInsightSelectors: putInsightSelectors,
  RemoveTags: removeTags,
  StartLogging: startLogging,
  StopLogging: stopLogging,
  UpdateTrail: updateTrail,
} satisfies OperationMap<Operations>;
