import { describe, expect, it } from 'vitest';
import { declaredStages } from '../../client/src/stages';
import { stageNames } from '../../server/src/core/model/stages';
import { parse } from 'yaml';

const parseYaml = (text: string): unknown => parse(text) as unknown;

const cases: [string, string][] = [
  ['no stages', 'archflow: 1\nname: a\nconsumers: { f: {} }\n'],
  ['block stages', 'archflow: 1\nname: a\nstages:\n  prod:\n    nodes:\n      f: { memory: 1024 }\n  staging: {}\nconsumers:\n  f: {}\n'],
  ['a comment and blank lines', 'name: a\nstages:   # per account\n\n    dev: {}\n\n    qa-2:\n      defaults: { memory: 256 }\n'],
  ['stages last, CRLF', 'name: a\r\nstages:\r\n  prod: {}\r\n  dev: {}\r\n'],
];

describe('the stage picker offers the stages the file declares', () => {
  for (const [name, text] of cases) {
    it(`${name}: the same stages as the language server reads`, () => {
      expect(declaredStages(text)).toEqual(stageNames(parseYaml(text)));
    });
  }
  it('names them in the order written', () => expect(declaredStages(cases[1]![1])).toEqual(['prod', 'staging']));
});
