// Rule: lambda/environment-key
// Environment variable names match Lambda's pattern and are not reserved by the Lambda runtime.
import { settingUses } from './helpers';
import type { Rule } from './rule';

/** Lambda's pattern for environment variable names (aws-limits L6, Lambda API model). */
const KEY = /^[a-zA-Z]([a-zA-Z0-9_])+$/;

/** Keys the Lambda service rejects because the runtime sets them (aws-limits L6). */
export const RESERVED_ENVIRONMENT_KEYS: ReadonlySet<string> = new Set([
  '_HANDLER', '_X_AMZN_TRACE_ID', 'AWS_DEFAULT_REGION', 'AWS_REGION', 'AWS_EXECUTION_ENV', 'AWS_LAMBDA_FUNCTION_NAME',
  'AWS_LAMBDA_FUNCTION_MEMORY_SIZE', 'AWS_LAMBDA_FUNCTION_VERSION', 'AWS_LAMBDA_INITIALIZATION_TYPE', 'AWS_LAMBDA_LOG_GROUP_NAME',
  'AWS_LAMBDA_LOG_STREAM_NAME', 'AWS_ACCESS_KEY', 'AWS_ACCESS_KEY_ID', 'AWS_SECRET_ACCESS_KEY', 'AWS_SESSION_TOKEN',
  'AWS_LAMBDA_RUNTIME_API', 'LAMBDA_TASK_ROOT', 'LAMBDA_RUNTIME_DIR',
]);

export const lambdaEnvironmentKey: Rule = {
  code: 'lambda/environment-key',
  severity: 'error',
  description: 'Environment variable names start with a letter, use letters, digits and `_` (two characters or more), and are not reserved by Lambda.',
  why: 'Lambda rejects the function configuration when a name does not match `[a-zA-Z][a-zA-Z0-9_]+` or is one the runtime sets itself (`AWS_REGION`, `_HANDLER`, `AWS_LAMBDA_FUNCTION_NAME`, …).',
  source: { title: 'Environment (Lambda API reference)', url: 'https://docs.aws.amazon.com/lambda/latest/dg/API_Environment.html' },
  check({ graph }, report) {
    for (const use of settingUses(graph, 'environment')) {
      for (const key of Object.keys(use.value)) {
        const at = use.at.concat(key);
        if (RESERVED_ENVIRONMENT_KEYS.has(key)) {
          report({ at, target: 'key', nodes: use.functions, message: `'${key}' is reserved: the Lambda runtime sets it, and Lambda rejects functions that define it. Choose another name.` });
        } else if (!KEY.test(key)) {
          report({ at, target: 'key', nodes: use.functions, message: `'${key}' is not a valid environment variable name: Lambda accepts a letter followed by letters, digits or '_' (at least two characters).` });
        }
      }
    }
  },
};
