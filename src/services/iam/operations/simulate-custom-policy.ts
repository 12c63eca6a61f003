// https://docs.aws.amazon.com/IAM/latest/APIReference/API_SimulateCustomPolicy.html
import { defineOperation } from '../../../core/operation.js';
import type { Operations } from '../model.gen.js';
import { callerFromArn, contextOf, inputBoundary, inputPolicies, invalidInput, ownerAccount, simulate } from '../simulator.js';

type Op = Operations['SimulateCustomPolicy'];

/**
 * Policies passed as strings, no stored entity: the caller is CallerArn ("You can specify only the
 * ARN of an IAM user"), required with a ResourcePolicy "so that the policy's Principal element has
 * a value to use in evaluating the policy".
 */
// Differs from AWS: ResourceHandlingOption (the EC2 scenarios) is accepted and ignored; every resource is simulated on its own.
export const simulateCustomPolicy = defineOperation<Op['input'], Op['output']>({
  name: 'SimulateCustomPolicy',
  actions: ['iam:SimulateCustomPolicy'],
  readOnly: true,
  async handler(input, ctx) {
    await ctx.authorize({ action: 'iam:SimulateCustomPolicy', resource: '*' });
    const identity = inputPolicies(input.PolicyInputList);
    const boundary = inputBoundary(input.PermissionsBoundaryPolicyInputList);
    if (input.ResourcePolicy !== undefined && input.CallerArn === undefined) throw invalidInput('CallerArn must be specified when a ResourcePolicy is specified.'); // unverified
    // Without CallerArn the simulated caller is an IAM user of the caller's account that no policy names.
    const caller = callerFromArn(input.CallerArn ?? `arn:aws:iam::${ctx.account}:user/simulated-caller`);
    const resourceOwner = ownerAccount(input.ResourceOwner);
    return simulate(
      {
        caller,
        identity,
        ...(boundary !== undefined ? { boundary } : {}),
        ...(input.ResourcePolicy !== undefined ? { resourcePolicy: input.ResourcePolicy } : {}),
        ...(resourceOwner !== undefined ? { resourceOwner } : {}),
        context: contextOf(input.ContextEntries),
      },
      input,
    );
  },
});
