import { testRule } from '../../helpers/rule-cases';

testRule('lambda/image-only-runtime', [
  {
    name: '.zip runtimes of .NET and the Java Amazon Linux 2023 variants are fine',
    yaml: `
archflow: 1
name: t
consumers:
  a: { runtime: dotnet10 }
  b: { runtime: dotnet8 }
  c: { runtime: java17.al2023 }`,
  },
  {
    name: 'dotnet9 on a function and in defaults',
    yaml: `
archflow: 1
name: t
defaults:
  runtime: dotnet9
#          ^^^^^^^ error: The runtime in defaults (used by 'b') is dotnet9, which Lambda offers only as a container image; Archflow deploys functions as .zip packages, so creating the function fails. Use dotnet10.
#   fix: Change the runtime to dotnet10
#   + runtime: dotnet10
consumers:
  a: { runtime: dotnet9 }
#               ^^^^^^^ error: The runtime of function 'a' is dotnet9, which Lambda offers only as a container image; Archflow deploys functions as .zip packages, so creating the function fails. Use dotnet10.
#   fix: Change the runtime to dotnet10
#   + a: { runtime: dotnet10 }
  b: {}`,
  },
]);
