import { testRule } from '../../helpers/rule-cases';

testRule('lambda/url-auth-none', [
  {
    name: 'an IAM-authenticated URL, and a public one with its reason, are fine',
    yaml: `
archflow: 1
name: t
consumers:
  internal:
    url: { auth: iam }
  hook:
    url: { auth: none, reason: The handler verifies the sender's HMAC signature. }`,
  },
  {
    name: 'a public URL without a reason',
    yaml: `
archflow: 1
name: t
consumers:
  hook:
    url: { auth: none, cors: true }
#                ^^^^ warning: The function URL of 'hook' has \`auth: none\`: anyone on the internet can invoke it. Write a \`reason\` saying how the function checks its callers, or use \`auth: iam\`.
#   fix: Set auth to iam
#   + url: { auth: iam, cors: true }`,
  },
  {
    name: 'quiet when auth is not a valid value (the schema reports it)',
    yaml: `
archflow: 1
name: t
consumers:
  hook:
    url: { auth: public }`,
  },
]);
