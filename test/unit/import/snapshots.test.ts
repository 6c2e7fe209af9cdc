/**
 * Two imports kept as files, to review how readable the output is: a fan-out of queues behind a
 * topic (CloudFormation wiring, dead-letter queues, filters) and a SAM API → queue → function with
 * an authorizer (integrations, IAM-derived emits, suppressed false alarms). A change to the importer
 * shows up as a diff of these files (`vitest -u` to accept it).
 */
import { readFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { importTemplate } from '../../../server/src/core/import/import-template';

const here = dirname(fileURLToPath(import.meta.url));
const corpus = resolve(here, '../../../../shared/corpus/serverless-patterns/public');

describe('readable output', () => {
  for (const pattern of ['sns-sqs-fanout', 'apigw-sqs-lambda-ddb', 'eventbridge-pipes-ddbstream-with-filters-to-eventbridge']) {
    it(pattern, async () => {
      const file = resolve(corpus, pattern, 'template.yaml');
      const { yaml } = importTemplate(readFileSync(file, 'utf8'), `${pattern}/template.yaml`);
      await expect(yaml).toMatchFileSnapshot(`./__snapshots__/${pattern}.arch.yaml`);
    });
  }
});
