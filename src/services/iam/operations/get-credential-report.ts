// https://docs.aws.amazon.com/IAM/latest/APIReference/API_GetCredentialReport.html
import { defineOperation } from '../../../core/operation.js';
import { REPORT_TTL_MS } from '../credential-report.js';
import { reportExpired, reportNotPresent } from '../errors.js';
import type { Operations } from '../model.gen.js';
import { iamState } from '../state.js';

type Op = Operations['GetCredentialReport'];

export const getCredentialReport = defineOperation<Op['input'], Op['output']>({
  name: 'GetCredentialReport',
  actions: ['iam:GetCredentialReport'],
  readOnly: true,
  async handler(_input, ctx) {
    await ctx.authorize({ action: 'iam:GetCredentialReport', resource: '*' });
    const report = await iamState(ctx.tx, ctx.account).credentialReport();
    if (report === undefined) throw reportNotPresent();
    if (ctx.clock.now() - report.generatedMs >= REPORT_TTL_MS) throw reportExpired();
    // Content is a blob: the query codec base64-encodes it, as AWS does.
    return { Content: Buffer.from(report.csv, 'utf8'), ReportFormat: 'text/csv', GeneratedTime: new Date(report.generatedMs) };
  },
});
