/**
 * The shared corpus of 155 EventBridge pattern cases, each checked against AWS's TestEventPattern by their
 * authors (localstack). Read in place from ../shared/corpus (never copied into the repo).
 */
import { readFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { awsMessage, matchPattern, validatePattern } from '../../../server/src/core/eventbridge/pattern';

interface Case {
  name: string;
  expected: 'match' | 'no-match' | 'error';
  aws_error: { code: string; message: string } | null;
  pattern: unknown;
  event: unknown;
}

const repoRoot = resolve(dirname(fileURLToPath(import.meta.url)), '../../..');
const corpusFile = resolve(repoRoot, '../shared/corpus/event-patterns/eventbridge-pattern-cases.json');
const corpus = JSON.parse(readFileSync(corpusFile, 'utf8')) as { cases: Case[] };

describe('EventBridge pattern corpus (AWS TestEventPattern verdicts)', () => {
  it('has all 155 cases', () => {
    expect(corpus.cases).toHaveLength(155);
  });

  for (const c of corpus.cases) {
    if (c.expected === 'error') {
      it(`${c.name}: rejected with AWS's reason`, () => {
        const errors = validatePattern(c.pattern);
        expect(errors.length).toBeGreaterThan(0);
        expect(awsMessage(errors[0]!)).toBe(c.aws_error!.message);
        expect(matchPattern(c.pattern, c.event)).toBe(false);
      });
    } else {
      it(`${c.name}: ${c.expected}`, () => {
        expect(validatePattern(c.pattern)).toEqual([]);
        expect(matchPattern(c.pattern, c.event)).toBe(c.expected === 'match');
      });
    }
  }
});
