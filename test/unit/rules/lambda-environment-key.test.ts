import { testRule } from '../../helpers/rule-cases';

testRule('lambda/environment-key', [
  {
    name: 'ordinary names are fine',
    yaml: `
archflow: 1
name: t
defaults:
  environment: { TABLE_NAME: orders, logLevel: debug }
consumers:
  worker: {}`,
  },
  {
    name: 'reserved names',
    yaml: `
archflow: 1
name: t
consumers:
  worker:
    environment:
      AWS_REGION: eu-west-1
#     ^^^^^^^^^^ error: 'AWS_REGION' is reserved: the Lambda runtime sets it, and Lambda rejects functions that define it. Choose another name.
      _HANDLER: index.main
#     ^^^^^^^^ error: '_HANDLER' is reserved: the Lambda runtime sets it, and Lambda rejects functions that define it. Choose another name.
      LAMBDA_TASK_ROOT: /var/task
#     ^^^^^^^^^^^^^^^^ error: 'LAMBDA_TASK_ROOT' is reserved: the Lambda runtime sets it, and Lambda rejects functions that define it. Choose another name.`,
  },
  {
    name: 'invalid names',
    yaml: `
archflow: 1
name: t
consumers:
  worker:
    environment: { my-var: 1, 9LIVES: 2, A: 3 }
#                  ^^^^^^ error: 'my-var' is not a valid environment variable name: Lambda accepts a letter followed by letters, digits or '_' (at least two characters).
#                             ^^^^^^ error: '9LIVES' is not a valid environment variable name: Lambda accepts a letter followed by letters, digits or '_' (at least two characters).
#                                        ^ error: 'A' is not a valid environment variable name: Lambda accepts a letter followed by letters, digits or '_' (at least two characters).`,
  },
  {
    name: 'in defaults, once',
    yaml: `
archflow: 1
name: t
defaults:
  environment:
    AWS_SESSION_TOKEN: x
#   ^^^^^^^^^^^^^^^^^ error: 'AWS_SESSION_TOKEN' is reserved: the Lambda runtime sets it, and Lambda rejects functions that define it. Choose another name.
consumers:
  a: {}
  b: {}`,
  },
]);
