// https://docs.aws.amazon.com/awscloudtrail/latest/APIReference/API_LookupEvents.html
import { WardenBug } from '../../../core/errors.js';
import { defineOperation } from '../../../core/operation.js';
import { eventTime } from '../../../audit/event.js';
import { InvalidLookupAttributesException, InvalidMaxResultsException, InvalidNextTokenException, InvalidTimeRangeException } from '../errors.js';
import { attributeFilter, decodeToken, encodeToken, toEvent, type Cursor } from '../lookup.js';
import { EVENT_HISTORY_RETENTION_MS } from '../delivery.js';
import type { Operations } from '../model.gen.js';

type Op = Operations['LookupEvents'];


export const lookupEvents = defineOperation<Op['input'], Op['output']>({
  name: 'LookupEvents',
  actions: ['cloudtrail:LookupEvents'],
  readOnly: true,
  async handler(input, ctx) {
    await ctx.authorize({ action: 'cloudtrail:LookupEvents', resource: '*' });
    const attrs = input.LookupAttributes ?? [];
    // unverified: message text.
    if (attrs.length > 1) throw new InvalidLookupAttributesException('You cannot specify more than one lookup attribute.');
    const max = input.MaxResults ?? 50;
    // unverified: message text.
    if (!Number.isInteger(max) || max < 1 || max > 50) throw new InvalidMaxResultsException('Value for parameter maxResults is invalid.');
    if (input.StartTime !== undefined && input.EndTime !== undefined && input.StartTime.getTime() > input.EndTime.getTime()) {
      // unverified: message text.
      throw new InvalidTimeRangeException('Start time must be before end time.');
    }
    const fingerprint = JSON.stringify([attrs, input.StartTime?.getTime() ?? null, input.EndTime?.getTime() ?? null, input.EventCategory ?? null]);
    let before: Cursor | undefined;
    if (input.NextToken !== undefined) {
      before = decodeToken(input.NextToken, fingerprint);
      // unverified: message text.
      if (before === undefined) throw new InvalidNextTokenException('Invalid NextToken.');
    }
    const query = ctx.tx.queryAudit;
    if (query === undefined) throw new WardenBug('LookupEvents needs a transaction that reads the audit log');
    const oldest = ctx.clock.now() - EVENT_HISTORY_RETENTION_MS;
    const start = Math.max(oldest, input.StartTime?.getTime() ?? oldest);
    const filter = attributeFilter(attrs[0]);
    const records = await query.call(ctx.tx, {
      account: ctx.account,
      region: ctx.region,
      ...filter,
      // "Lookup supports … management events" (API reference): data events are not in event
      // history; Insights events only when asked for (EventCategory insight), and only them.
      eventCategory: input.EventCategory === 'insight' ? 'Insight' : 'Management',
      startTime: eventTime(start - (start % 1000)),
      ...(input.EndTime !== undefined ? { endTime: eventTime(input.EndTime.getTime()) } : {}),
      ...(before !== undefined ? { before } : {}),
      limit: max + 1,
    });
    const page = records.slice(0, max);
    const last = page[page.length - 1];
    return {
      Events: page.map(toEvent),
      ...(records.length > max && last !== undefined ? { NextToken: encodeToken(last, fingerprint) } : {}),
    };
  },
});
