// https://docs.aws.amazon.com/STS/latest/APIReference/API_DecodeAuthorizationMessage.html
import { defineOperation } from '../../../core/operation.js';
import { decodeAuthorizationMessage } from '../../../iam/authorization-message.js';
import { InvalidAuthorizationMessageException, type Operations } from '../model.gen.js';

type Op = Operations['DecodeAuthorizationMessage'];

// unverified: AWS's text for a message it cannot decode.
const INVALID = 'The encoded message is invalid.';

export const decodeAuthorizationMessageOp = defineOperation<Op['input'], Op['output']>({
  name: 'DecodeAuthorizationMessage',
  actions: ['sts:DecodeAuthorizationMessage'],
  readOnly: true,
  async handler(input, ctx) {
    // "The requestor must be granted permission … to call DecodeAuthorizationMessage (sts:DecodeAuthorizationMessage)."
    await ctx.authorize({ action: 'sts:DecodeAuthorizationMessage', resource: '*' });
    const decoded = decodeAuthorizationMessage(ctx.barrier, input.EncodedMessage, ctx.account);
    if (decoded === undefined) throw new InvalidAuthorizationMessageException(INVALID);
    return { DecodedMessage: decoded };
  },
});
