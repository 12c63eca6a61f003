/**
 * AWS's SigV4 error texts, kept apart from the verifier so each carries its source.
 *
 * Sources (read November 2026 through the project's search index):
 *  [IAMUG]  AWS IAM User Guide, "Troubleshoot signed requests for AWS APIs"
 *           (awsdocs/iam-user-guide, doc_source/signature-v4-troubleshooting.md).
 *  [ORACLE] an open-source emulator's "read-only AWS STS Query protocol oracle" (Rust, project "Argmin"):
 *           probes real STS with GetCallerIdentity and asserts the exact wire messages (2026). The
 *           search index showed the file but not its repository name.
 *  [DYNALITE] mhart/dynalite index.js (MIT): comments quoting real 2013 DynamoDB (coral) responses.
 *  [CAPTURES] error bodies people pasted from live AWS in issues and notes, e.g.
 *           aws/aws-sdk-cpp#2466 (Secrets Manager), cllunsford/aws-signing-proxy#25,
 *           boto/boto3#756 (STS), devsecops/bootcamp#101 (STS), blog posts quoting EKS / Elastic Beanstalk.
 *  [SDKGO]  aws/aws-sdk-go#2167 and PR #2224; kubernetes-sigs/aws-iam-authenticator#753.
 * Anything marked `unverified` was not seen verbatim in a response from a current AWS endpoint.
 */

/** yyyyMMdd'T'HHmmss'Z' of an epoch-ms time. */
export function isoBasic(ms: number): string {
  const s = new Date(ms).toISOString();
  return s.slice(0, 4) + s.slice(5, 7) + s.slice(8, 13) + s.slice(14, 16) + s.slice(17, 19) + 'Z';
}

/** "5 min" for whole minutes, else "N sec" (the seconds form is unverified). */
function span(ms: number): string {
  return ms % 60_000 === 0 ? `${ms / 60_000} min` : `${Math.round(ms / 1000)} sec`;
}

// [CAPTURES] Secrets Manager, CloudWatch Events and API Gateway answer MissingAuthenticationTokenException
// with this text. STS and DynamoDB say "Request is missing Authentication Token" ([DYNALITE], STS error
// bodies in test fixtures — unverified for STS today), exported for the awsQuery renderer.
export const MISSING_TOKEN = 'Missing Authentication Token';
export const MISSING_TOKEN_QUERY = 'Request is missing Authentication Token';

// [ORACLE] (STS, 2026); boto/boto3#756 (STS, 2016, then followed by the canonical request); [DYNALITE].
export const SIGNATURE_MISMATCH =
  'The request signature we calculated does not match the signature you provided. Check your AWS Secret Access Key and signing method. Consult the service documentation for details.';

// [CAPTURES] "Signature expired: 20240522T115547Z is now earlier than 20240522T120908Z (20240522T121408Z - 5 min.)"
// (EKS, 2024; the window was 15 min in older captures, e.g. STS 2016); template also in [IAMUG].
export const signatureExpired = (amzDate: string, nowMs: number, skewMs: number): string =>
  `Signature expired: ${amzDate} is now earlier than ${isoBasic(nowMs - skewMs)} (${isoBasic(nowMs)} - ${span(skewMs)}.)`;

// [CAPTURES] "Signature not yet current: 20170424T013926Z is still later than 20170424T013832Z
// (20170424T013332Z + 5 min.)" (Elastic Beanstalk, 2017); template also in [IAMUG].
export const signatureNotYetCurrent = (amzDate: string, nowMs: number, skewMs: number): string =>
  `Signature not yet current: ${amzDate} is still later than ${isoBasic(nowMs + skewMs)} (${isoBasic(nowMs)} + ${span(skewMs)}.)`;

// [SDKGO] Non-S3 services ignore X-Amz-Expires: a presigned request is held to the ordinary clock-skew
// window and fails with the "Signature expired" text above. Warden honours X-Amz-Expires (DESIGN §4,
// aws-facts §6.2) and words the failure in the same template with the X-Amz-Expires span — unverified.
export const presignedExpired = (amzDate: string, nowMs: number, expiresMs: number): string =>
  signatureExpired(amzDate, nowMs, expiresMs);

// Scope fragments. AWS concatenates every fragment that applies, each ending in ". ".
// [ORACLE]: "Credential should be scoped to a valid region. " and (an awsJson capture, HTTP 400, shows the same
//           region text: {"__type":"InvalidSignatureException","message":"Credential should be scoped to a valid region. "})
//           "Credential should be scoped to correct service: 'sts'. " (both together when both are wrong).
export const SCOPE_REGION = 'Credential should be scoped to a valid region. ';
export const scopeService = (service: string): string => `Credential should be scoped to correct service: '${service}'. `;
// [DYNALITE] (2013 wording; unverified today — [IAMUG] shows it without the "not '…'" part).
export const scopeTerminator = (got: string): string =>
  `Credential should be scoped with a valid terminator: 'aws4_request', not '${got}'. `;
// [DYNALITE] exact 2013 wording; [IAMUG] shows the first sentence only. Unverified today.
export const scopeDate = (scopeDay: string, requestDay: string, amzDate: string): string =>
  `Date in Credential scope does not match YYYYMMDD from ISO-8601 version of date from HTTP: '${scopeDay}' != '${requestDay}', from '${amzDate}'. `;

// [DYNALITE] older wording "'Host' must be …"; the ":authority" form is what current services
// (Lambda URLs, STS) answer per several captures. InvalidSignatureException / SignatureDoesNotMatch.
export const HOST_NOT_SIGNED = "'Host' or ':authority' must be a 'SignedHeader' in the AWS Authorization.";

// [DYNALITE] InvalidSignatureException.
export const BOTH_AUTH = "Found both 'X-Amz-Algorithm' as a query-string param and 'Authorization' as HTTP header.";

// IncompleteSignature family. [DYNALITE] for the sentences; current AWS no longer echoes the header
// but its SHA-256 in Base64 ([CAPTURES] API Gateway 2025-26) — exact suffix unverified for KMS/STS.
export const requiresParam = (name: string): string => `Authorization header requires '${name}' parameter.`;
export const REQUIRES_DATE = "Authorization header requires existence of either a 'X-Amz-Date' or a 'Date' header.";
export const incompleteHeader = (sentences: string[], sha256b64: string): string =>
  `${sentences.join(' ')} (Hashed with SHA-256 and encoded with Base64) Authorization=${sha256b64}`;
// [CAPTURES] API Gateway: "Invalid key=value pair (missing equal-sign) in Authorization header (hashed with
// SHA-256 and encoded with Base64): 'ou+P2pI0l1aih+LHseZdzDv0Qh1V68y/KzyHX43jNNs='." (IncompleteSignatureException)
export const missingEqualSign = (sha256b64: string): string =>
  `Invalid key=value pair (missing equal-sign) in Authorization header (hashed with SHA-256 and encoded with Base64): '${sha256b64}'.`;
export const queryRequires = (name: string): string => `AWS query-string parameters must include '${name}'.`;
export const REEXAMINE_QUERY = 'Re-examine the query-string parameters.';
export const badDate = (got: string): string =>
  `Date must be in ISO-8601 'basic format'. Got '${got}'. See http://en.wikipedia.org/wiki/ISO_8601`;
export const unsupportedAlgorithm = (alg: string): string =>
  `Unsupported AWS 'algorithm': '${alg}' (only AWS4-HMAC-SHA256 for now). `;
export const credentialParts = (credential: string): string =>
  `Credential must have exactly 5 slash-delimited elements, e.g. keyid/date/region/service/term, got '${credential}'`;

// S3's AuthorizationQueryParametersError texts (S3 clones agree: MinIO, Versity; not seen from AWS here,
// so unverified). Non-S3 services ignore X-Amz-Expires entirely ([SDKGO]).
export const EXPIRES_NOT_NUMBER = 'X-Amz-Expires should be a number';
export const EXPIRES_NEGATIVE = 'X-Amz-Expires must be non-negative';
export const EXPIRES_TOO_LONG =
  'X-Amz-Expires must be less than a week (in seconds); that is, the given X-Amz-Expires must be less than 604800 seconds';
