/**
 * The `aws` CLI against a test Warden. CLI tests must pass with both CLIs: `aws` on PATH is
 * awscli 1.x (pyenv) and /usr/bin/aws is Debian's 2.x. A run sees only the key it is given: no
 * config or credentials file, no instance metadata, no pager (AWS_PAGER=''), us-east-1.
 */
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';

const execFileAsync = promisify(execFile);

/** Every installed `aws` CLI a CLI test runs with. */
export const AWS_CLIS = ['aws', '/usr/bin/aws'] as const;

export interface CliKey {
  readonly id: string;
  readonly secret: string;
  readonly token?: string;
}

/** The development profile's any-key root credentials. */
export const TEST_KEY: CliKey = { id: 'test', secret: 'test' };

/** The environment of one run: PATH and HOME, the key (null: the request goes unsigned), the region, and `extra`. */
export function awsEnv(key: CliKey | null = TEST_KEY, extra: Readonly<Record<string, string>> = {}): Record<string, string> {
  return {
    PATH: process.env['PATH'] ?? '',
    HOME: process.env['HOME'] ?? '/tmp',
    ...(key !== null ? { AWS_ACCESS_KEY_ID: key.id, AWS_SECRET_ACCESS_KEY: key.secret } : {}),
    ...(key?.token !== undefined ? { AWS_SESSION_TOKEN: key.token } : {}),
    AWS_DEFAULT_REGION: 'us-east-1',
    AWS_CONFIG_FILE: '/dev/null',
    AWS_SHARED_CREDENTIALS_FILE: '/dev/null',
    AWS_EC2_METADATA_DISABLED: 'true',
    AWS_PAGER: '',
    ...extra,
  };
}

export interface AwsRunOptions {
  /** Which CLI (default `aws` on PATH). */
  readonly cli?: string;
  /** Default TEST_KEY; null sends the request unsigned. */
  readonly key?: CliKey | null;
  /** More environment variables. */
  readonly env?: Readonly<Record<string, string>>;
}

/** Runs `cli --endpoint-url url --output json …args`; rejects (with its stderr) when the CLI fails. */
export function runAws(url: string, args: readonly string[], opts: AwsRunOptions = {}): Promise<{ stdout: string; stderr: string }> {
  return execFileAsync(opts.cli ?? 'aws', ['--endpoint-url', url, '--output', 'json', ...args], { env: awsEnv(opts.key, opts.env) });
}

/** runAws's output as JSON ({} when the command prints nothing). */
export async function awsJson(url: string, args: readonly string[], opts: AwsRunOptions = {}): Promise<any> {
  const { stdout } = await runAws(url, args, opts);
  return stdout.trim() === '' ? {} : JSON.parse(stdout);
}
