import { CloudFormationClient } from '@aws-sdk/client-cloudformation';
import { S3Client } from '@aws-sdk/client-s3';
import { STSClient } from '@aws-sdk/client-sts';
import { fromNodeProviderChain } from '@aws-sdk/credential-providers';

/** Where and as whom to talk to AWS. */
export interface AwsTarget {
  readonly region?: string;
  readonly profile?: string;
  /** An emulator's URL (e.g. moto_server): every client is pointed at it. */
  readonly endpoint?: string;
}

/** The AWS clients a deploy needs, all configured alike. */
export interface AwsClients {
  readonly region: string;
  readonly cloudFormation: CloudFormationClient;
  readonly s3: S3Client;
  readonly sts: STSClient;
}

/**
 * Makes the clients with the standard credential chain (environment, shared config and profiles,
 * SSO, process, instance metadata). Credentials are never logged.
 */
export async function awsClients(target: AwsTarget): Promise<AwsClients> {
  // The SDK warns on every run under Node 20 that future versions need Node 22; the user cannot act on it here.
  process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= 'true';
  const credentials = fromNodeProviderChain(target.profile ? { profile: target.profile } : {});
  const common = {
    credentials,
    ...(target.profile ? { profile: target.profile } : {}),
    ...(target.region ? { region: target.region } : {}),
    ...(target.endpoint ? { endpoint: target.endpoint } : {}),
    maxAttempts: 3,
  };
  const cloudFormation = new CloudFormationClient(common);
  let region: string;
  try {
    region = await cloudFormation.config.region();
  } catch {
    throw new DeployError('No AWS Region is set.', 'Give `region:` in the architecture file, the archflow.deploy.region setting, --region, AWS_REGION, or a region in your profile.');
  }
  const withRegion = { ...common, region };
  return {
    region,
    cloudFormation,
    s3: new S3Client({ ...withRegion, forcePathStyle: !!target.endpoint }),
    sts: new STSClient(withRegion),
  };
}

/** A failure a person can act on, without a stack trace. */
export class DeployError extends Error {
  constructor(message: string, readonly hint?: string) {
    super(message);
  }
}

/** Turns SDK errors about credentials and permissions into clear messages. */
export function explainAwsError(err: unknown): DeployError {
  if (err instanceof DeployError) return err;
  const e = err as { name?: string; message?: string; Code?: string; $metadata?: { httpStatusCode?: number } };
  const name = e?.name ?? e?.Code ?? '';
  const message = e?.message ?? String(err);
  if (name === 'CredentialsProviderError' || /Could not load credentials|Unable to locate credentials/i.test(message)) {
    return new DeployError('No AWS credentials found.', 'Set AWS_ACCESS_KEY_ID/AWS_SECRET_ACCESS_KEY, choose a profile (--profile or the archflow.deploy.profile setting), or run `aws sso login`.');
  }
  if (/ExpiredToken|TokenRefreshRequired|expired/i.test(name + ' ' + message)) {
    return new DeployError('Your AWS credentials have expired.', 'Refresh them (for SSO: `aws sso login --profile <name>`) and deploy again.');
  }
  if (/AccessDenied|UnauthorizedOperation|not authorized/i.test(name + ' ' + message)) {
    return new DeployError(`Access denied: ${message}`, 'The identity you deploy with needs CloudFormation, S3, IAM and the permissions of the resources in the stack.');
  }
  if (/ECONNREFUSED|ENOTFOUND|EAI_AGAIN|getaddrinfo/i.test(message)) {
    return new DeployError(`Cannot reach AWS: ${message}`, 'Check the network, the Region and the endpoint setting.');
  }
  return new DeployError(message);
}
