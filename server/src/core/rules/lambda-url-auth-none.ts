// Rule: lambda/url-auth-none
// A public function URL (`url.auth: none`) says why it is public (`url.reason`).
import type { Rule } from './rule';

export const lambdaUrlAuthNone: Rule = {
  code: 'lambda/url-auth-none',
  severity: 'warning',
  description: 'A function URL with `auth: none` has a `reason`: how the function checks its callers itself.',
  why: 'With `AuthType: NONE`, Lambda lets anyone on the internet invoke the function through its URL: no signature, no API key, no throttle but the function\'s own concurrency. That is right for a webhook that verifies its sender\'s signature, and a costly hole otherwise; `auth: iam` requires SigV4-signed requests from callers granted `lambda:InvokeFunctionUrl`.',
  source: { title: 'Control access to Lambda function URLs', url: 'https://docs.aws.amazon.com/lambda/latest/dg/urls-auth.html' },
  fix: 'Sets `url.auth` to `iam`.',
  check({ graph }, report) {
    for (const node of graph.nodes.values()) {
      if (node.kind !== 'function') continue;
      const url = node.settings.url;
      if (url?.auth !== 'none' || url.reason !== undefined) continue;
      const at = node.pointer.concat('url', 'auth');
      report({
        at, nodes: [node.id],
        message: `The function URL of '${node.id}' has \`auth: none\`: anyone on the internet can invoke it. Write a \`reason\` saying how the function checks its callers, or use \`auth: iam\`.`,
        fix: { kind: 'set-value', title: 'Set auth to iam', at, value: 'iam' },
      });
    }
  },
};
