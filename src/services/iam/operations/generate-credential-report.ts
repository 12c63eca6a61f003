// https://docs.aws.amazon.com/IAM/latest/APIReference/API_GenerateCredentialReport.html
import { defineOperation } from '../../../core/operation.js';
import { credentialReportCsv, REPORT_TTL_MS } from '../credential-report.js';
import type { Operations } from '../model.gen.js';
import { iamState } from '../state.js';

type Op = Operations['GenerateCredentialReport'];

/** The PowerShell example of Request-IAMCredentialReport in the IAM UG shows this description with STARTED. */
const STARTED = 'No report exists. Starting a new report generation task';

export const generateCredentialReport = defineOperation<Op['input'], Op['output']>({
  name: 'GenerateCredentialReport',
  actions: ['iam:GenerateCredentialReport'],
  readOnly: false,
  async handler(_input, ctx) {
    await ctx.authorize({ action: 'iam:GenerateCredentialReport', resource: '*' });
    const s = iamState(ctx.tx, ctx.account);
    const now = ctx.clock.now();
    const existing = await s.credentialReport();
    if (existing !== undefined && now - existing.generatedMs < REPORT_TTL_MS) return { State: 'COMPLETE' };
    // Differs from AWS: the report is generated at once, so the next GetCredentialReport finds it
    // (AWS answers ReportInProgress while it works, which Warden never does).
    s.putCredentialReport(now, await credentialReportCsv(ctx.tx, s, now, existing?.firstMs ?? now), existing?.firstMs ?? now);
    return { State: 'STARTED', Description: STARTED }; // unverified: the Description when an expired report is replaced
  },
});
