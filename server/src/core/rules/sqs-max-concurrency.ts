// Rule: sqs/max-concurrency
// A queue consumer's maximum concurrency is 2–1,000.
import { checkRange, mappings, numberOption } from './helpers';
import type { Rule } from './rule';

export const sqsMaxConcurrency: Rule = {
  code: 'sqs/max-concurrency',
  severity: 'error',
  description: "A queue consumer's `maxConcurrency` is within 2–1,000.",
  why: 'Lambda rejects a `ScalingConfig.MaximumConcurrency` outside 2–1,000, so the deployment fails. To stop a consumer, disable it or set the function\'s reserved concurrency to 0.',
  source: { title: 'ScalingConfig (Lambda API reference)', url: 'https://docs.aws.amazon.com/lambda/latest/dg/API_ScalingConfig.html' },
  fix: 'Sets `maxConcurrency` to the nearest allowed value.',
  check({ graph, limits }, report) {
    for (const edge of mappings(graph, 'queue-mapping')) {
      const value = numberOption(edge.options, 'maxConcurrency');
      if (value === undefined) continue;
      checkRange(report, {
        at: edge.optionsAt.concat('maxConcurrency'), value, min: limits.sqsMaxConcurrencyMin, max: limits.sqsMaxConcurrencyMax,
        subject: `The maximum concurrency of '${edge.to}' on queue '${edge.from}'`, service: 'Lambda', unit: '', key: 'maxConcurrency', nodes: [edge.from, edge.to],
      });
    }
  },
};
