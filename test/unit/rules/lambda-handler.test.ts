import { testRule } from '../../helpers/rule-cases';

testRule('lambda/handler', [
  {
    name: 'formats that fit their runtimes',
    yaml: `
archflow: 1
name: t
consumers:
  node: { handler: src/handlers/order.main }
  py: { runtime: python3.13, handler: app.lambda_handler }
  rb: { runtime: ruby3.4, handler: function.handler }
  java: { runtime: java21, handler: 'com.example.Handler::handleRequest' }
  javaClass: { runtime: java21, handler: com.example.Handler }
  net: { runtime: dotnet8, handler: 'Orders::Orders.Function::Handle' }
  custom: { runtime: provided.al2023, handler: bootstrap }
  default: {}`,
  },
  {
    name: 'a Node.js handler without a function name',
    yaml: `
archflow: 1
name: t
consumers:
  worker:
    handler: index
#            ^^^^^ error: The handler 'index' of function 'worker' does not fit runtime nodejs24.x: Node.js handlers are \`file.function\`, e.g. \`index.handler\`.`,
  },
  {
    name: 'a .NET handler in file.function form',
    yaml: `
archflow: 1
name: t
consumers:
  worker: { runtime: dotnet8, handler: Orders.Handle }
#                                      ^^^^^^^^^^^^^ error: The handler 'Orders.Handle' of function 'worker' does not fit runtime dotnet8: .NET handlers are \`Assembly::Namespace.Class::Method\`.`,
  },
  {
    name: 'a Java function with the default handler',
    yaml: `
archflow: 1
name: t
consumers:
  worker:
    runtime: java21
#            ^^^^^^ error: The runtime java21 of function 'worker' needs a handler: the default 'index.handler' is for Node.js, Python and Ruby. Java handlers are \`package.Class::method\` or \`package.Class\`, e.g. \`example.Handler::handleRequest\`.`,
  },
  {
    name: 'whitespace',
    yaml: `
archflow: 1
name: t
consumers:
  worker: { handler: "index handler" }
#                    ^^^^^^^^^^^^^^^ error: The handler 'index handler' of function 'worker' contains whitespace, which Lambda rejects.`,
  },
  {
    name: 'too long',
    yaml: `
archflow: 1
name: t
consumers:
  worker: { handler: ${'a'.repeat(130)}.handler }
#                    ^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^ error: The handler of function 'worker' is 138 characters; Lambda allows 128.`,
  },
  {
    name: 'a handler in defaults that does not fit a Python runtime',
    yaml: `
archflow: 1
name: t
defaults:
  runtime: python3.12
  handler: app
#          ^^^ error: The handler 'app' in defaults (used by 'a' and 'b') does not fit runtime python3.12: Python handlers are \`file.function\`, e.g. \`lambda_function.lambda_handler\`.
consumers:
  a: {}
  b: {}`,
  },
  {
    name: 'exactly 128 characters is fine',
    yaml: `
archflow: 1
name: t
consumers:
  worker: { handler: ${'a'.repeat(120)}.handler }`,
  },
]);
