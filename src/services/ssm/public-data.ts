/**
 * AWS's public parameters under /aws/service/global-infrastructure that Warden serves, as data.
 *
 * Origin: the Region codes are the list AWS prints for
 * `aws ssm get-parameters-by-path --path /aws/service/global-infrastructure/regions` in the
 * Systems Manager User Guide (parameter-store-public-parameters-global-infrastructure.md, awsdocs
 * repository); the long names are the Region names of the AWS General Reference (Regions and
 * endpoints); the services are those Warden emulates. A snapshot, not kept in sync with AWS.
 *
 * Differs from AWS: each service is listed as available in every Region below, and only the
 * Region, long name, service and endpoint parameters exist (no availability zones, partitions,
 * geolocation or local/wavelength zones).
 */
export const SNAPSHOT_DATE = '2026-11-23T00:00:00Z';

export const REGIONS: Readonly<Record<string, string>> = {
  'af-south-1': 'Africa (Cape Town)',
  'ap-east-1': 'Asia Pacific (Hong Kong)',
  'ap-northeast-1': 'Asia Pacific (Tokyo)',
  'ap-northeast-2': 'Asia Pacific (Seoul)',
  'ap-northeast-3': 'Asia Pacific (Osaka)',
  'ap-south-1': 'Asia Pacific (Mumbai)',
  'ap-southeast-1': 'Asia Pacific (Singapore)',
  'ap-southeast-2': 'Asia Pacific (Sydney)',
  'ca-central-1': 'Canada (Central)',
  'cn-north-1': 'China (Beijing)',
  'cn-northwest-1': 'China (Ningxia)',
  'eu-central-1': 'Europe (Frankfurt)',
  'eu-north-1': 'Europe (Stockholm)',
  'eu-south-1': 'Europe (Milan)',
  'eu-west-1': 'Europe (Ireland)',
  'eu-west-2': 'Europe (London)',
  'eu-west-3': 'Europe (Paris)',
  'me-south-1': 'Middle East (Bahrain)',
  'sa-east-1': 'South America (Sao Paulo)',
  'us-east-1': 'US East (N. Virginia)',
  'us-east-2': 'US East (Ohio)',
  'us-gov-east-1': 'AWS GovCloud (US-East)',
  'us-gov-west-1': 'AWS GovCloud (US-West)',
  'us-west-1': 'US West (N. California)',
  'us-west-2': 'US West (Oregon)',
};

export const SERVICES: Readonly<Record<string, string>> = {
  cloudtrail: 'AWS CloudTrail',
  iam: 'AWS Identity and Access Management (IAM)',
  kms: 'AWS Key Management Service (KMS)',
  s3: 'Amazon Simple Storage Service (S3)',
  secretsmanager: 'AWS Secrets Manager',
  ssm: 'AWS Systems Manager',
  sts: 'AWS Security Token Service (AWS STS)',
};
