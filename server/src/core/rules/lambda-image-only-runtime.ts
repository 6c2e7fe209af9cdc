// Rule: lambda/image-only-runtime
// A function's runtime is offered for .zip packages: `dotnet9` exists only for container images
// (aws-limits.md §1.4), and Archflow deploys every function as a .zip.
import { RUNTIMES_BY_ID } from '../facts/runtimes';
import { setValue, settingSubject, settingUses } from './helpers';
import type { Rule } from './rule';

export const lambdaImageOnlyRuntime: Rule = {
  code: 'lambda/image-only-runtime',
  severity: 'error',
  description: "A function's runtime is one Lambda offers for .zip packages (`dotnet9` is container-image only).",
  why: "Archflow deploys every function as a .zip package. Lambda offers .NET 9 only as a container base image: `dotnet9` is not in CloudFormation's list of `Runtime` values, so creating the function fails.",
  source: { title: 'Lambda runtimes (.NET 9: container only)', url: 'https://docs.aws.amazon.com/lambda/latest/dg/lambda-runtimes.html' },
  fix: 'Sets `runtime` to the newest .zip runtime of the same language (`dotnet10`).',
  check({ graph }, report) {
    for (const use of settingUses(graph, 'runtime')) {
      const r = RUNTIMES_BY_ID.get(use.value);
      if (!r?.imageOnly) continue;
      report({
        at: use.at, nodes: use.functions,
        fix: setValue(use.at, r.successor, `Change the runtime to ${r.successor}`),
        message: `${settingSubject('runtime', use)} is ${r.id}, which Lambda offers only as a container image; Archflow deploys functions as .zip packages, so creating the function fails. Use ${r.successor}.`,
      });
    }
  },
};
