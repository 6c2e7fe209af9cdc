// Rule: lambda/environment-size
// All environment variables of a function (keys and values) fit in 4 KB.
import { n, settingSubject, settingUses } from './helpers';
import type { Rule } from './rule';

const utf8 = new TextEncoder();

export const lambdaEnvironmentSize: Rule = {
  code: 'lambda/environment-size',
  severity: 'error',
  description: "A function's environment variables, keys and values together, fit in 4 KB (4,096 bytes).",
  why: 'Lambda rejects the function configuration when its environment variables exceed 4 KB in aggregate. Keep large configuration in Parameter Store, Secrets Manager or S3 and read it at start-up.',
  source: { title: 'Lambda quotas', url: 'https://docs.aws.amazon.com/lambda/latest/dg/gettingstarted-limits.html' },
  check({ graph, limits }, report) {
    for (const use of settingUses(graph, 'environment')) {
      let bytes = 0;
      for (const [key, value] of Object.entries(use.value)) bytes += utf8.encode(key).length + utf8.encode(String(value)).length;
      if (bytes <= limits.lambdaEnvironmentBytes) continue;
      report({
        at: use.at, nodes: use.functions,
        message: `${settingSubject('environment', use)} takes ${n(bytes)} bytes (keys and values); Lambda allows ${n(limits.lambdaEnvironmentBytes)} bytes (4 KB) in total.`,
      });
    }
  },
};
