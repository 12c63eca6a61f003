/** ARNs of the principals Warden knows. Partition is always `aws`. */
export const rootArn = (account: string): string => `arn:aws:iam::${account}:root`;
