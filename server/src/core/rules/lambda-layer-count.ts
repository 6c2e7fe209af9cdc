// Rule: lambda/layer-count
// A function uses at most 5 layers.
import { n, settingSubject, settingUses } from './helpers';
import type { Rule } from './rule';

export const lambdaLayerCount: Rule = {
  code: 'lambda/layer-count',
  severity: 'error',
  description: 'A function uses at most 5 layers.',
  why: 'Lambda rejects a function with more than five layers. Merge layers, or move the dependencies into the deployment package or a container image.',
  source: { title: 'Lambda quotas', url: 'https://docs.aws.amazon.com/lambda/latest/dg/gettingstarted-limits.html' },
  check({ graph, limits }, report) {
    for (const use of settingUses(graph, 'layers')) {
      if (use.value.length <= limits.lambdaLayers) continue;
      report({
        at: use.at, nodes: use.functions,
        message: `${settingSubject('layer list', use)} has ${n(use.value.length)} layers; Lambda allows at most ${n(limits.lambdaLayers)}.`,
      });
    }
  },
};
