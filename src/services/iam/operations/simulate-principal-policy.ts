// https://docs.aws.amazon.com/IAM/latest/APIReference/API_SimulatePrincipalPolicy.html
import { defineOperation } from '../../../core/operation.js';
import type { Operations } from '../model.gen.js';
import { callerFromArn, contextOf, inputBoundary, inputPolicies, invalidInput, ownerAccount, simulate } from '../simulator.js';
import { policySource } from './simulate-principal-source.js';

type Op = Operations['SimulatePrincipalPolicy'];

/**
 * The entity's policies plus any PolicyInputList; a PermissionsBoundaryPolicyInputList replaces the
 * entity's boundary ("the new permissions boundary policy is used for the simulation"). CallerArn
 * "defaults to the ARN of the user that you specify in PolicySourceArn" and "is required if you
 * include a ResourcePolicy and the PolicySourceArn is not the ARN for an IAM user".
 */
// Differs from AWS: ResourceHandlingOption (the EC2 scenarios) is accepted and ignored; SCPs are not simulated (no organizations yet).
export const simulatePrincipalPolicy = defineOperation<Op['input'], Op['output']>({
  name: 'SimulatePrincipalPolicy',
  actions: ['iam:SimulatePrincipalPolicy'],
  readOnly: true,
  async handler(input, ctx) {
    const source = await policySource(ctx, input.PolicySourceArn, 'iam:SimulatePrincipalPolicy');
    const extra = inputPolicies(input.PolicyInputList);
    const boundary = inputBoundary(input.PermissionsBoundaryPolicyInputList) ?? source.boundary;
    if (input.ResourcePolicy !== undefined && input.CallerArn === undefined && source.kind !== 'user') {
      throw invalidInput('CallerArn must be specified when a ResourcePolicy is specified and the PolicySourceArn is not a user.'); // unverified
    }
    const caller =
      input.CallerArn !== undefined
        ? callerFromArn(input.CallerArn)
        : (source.principal ?? callerFromArn(`arn:aws:iam::${ctx.account}:user/simulated-caller`));
    const resourceOwner = ownerAccount(input.ResourceOwner);
    return simulate(
      {
        caller,
        identity: [...source.identity, ...extra],
        ...(boundary !== undefined ? { boundary } : {}),
        ...(input.ResourcePolicy !== undefined ? { resourcePolicy: input.ResourcePolicy } : {}),
        ...(resourceOwner !== undefined ? { resourceOwner } : {}),
        context: contextOf(input.ContextEntries),
      },
      input,
    );
  },
});
