/// <reference types="vite/client" />
/**
 * Applies every quick fix offered by every case of every rule table (test/unit/rules/*.test.ts,
 * collected through `testRule`), and checks that:
 * (a) the problem is gone, (b) every byte outside the edits is unchanged (edits never swallow a
 * comment or a line break, except `remove-property`, which removes whole entries), and (c) the file
 * still parses and gains no schema problem.
 *
 * Registering: nothing to do. A case in a rule table whose problem carries a `fix` is checked here.
 * Add a case to `EXACT` below to pin the complete text a fix produces.
 */
import { describe, expect, it } from 'vitest';
import { analyze, RULES, type AnalyzeOptions, type Problem } from '../../../server/src/core/index';
import { applyEdits, fixEdits, type TextEdit } from '../../../server/src/core/features/fixes';
import { pointerToString } from '../../../server/src/core/span';
import { collectRuleCases, RULE_CASES_TODAY, type RuleCase } from '../../helpers/rule-cases';

const tables: { code: string; cases: readonly RuleCase[] }[] = [];
collectRuleCases((code, cases) => tables.push({ code, cases }));
try {
  const modules = import.meta.glob<unknown>(['./*.test.ts', '!./quick-fixes.test.ts', '!./problem-nodes.test.ts']);
  for (const load of Object.values(modules)) await load();
} finally {
  collectRuleCases(undefined);
}

/** Fix kinds that remove whole entries, comments on their lines included. */
const REMOVES_ENTRIES = new Set(['remove-property']);

const textOf = (c: RuleCase): string => c.yaml.replace(/^\n/, '');
const optionsOf = (c: RuleCase, code?: string): AnalyzeOptions => ({ today: RULE_CASES_TODAY, ...c.options, ...(code ? { only: [code] } : {}) });
const structural = (problems: readonly Problem[]): string[] =>
  problems.filter((p) => /^(yaml|file|schema)\//.test(p.code)).map((p) => `${p.code} ${p.message}`).sort();

/** The text with the edits applied, built independently of `applyEdits`; fails on overlapping edits. */
function splice(text: string, edits: readonly TextEdit[]): string {
  const sorted = [...edits].sort((a, b) => a.start - b.start);
  let out = '';
  let last = 0;
  for (const e of sorted) {
    expect(e.start, 'edits overlap').toBeGreaterThanOrEqual(last);
    out += text.slice(last, e.start) + e.newText;
    last = e.end;
  }
  return out + text.slice(last);
}

/** Applies the fix of one problem and checks (a), (b) and (c). Returns the fixed text. */
function checkFix(code: string, c: RuleCase, problem: Problem): string {
  const text = textOf(c);
  // Only the rule under test: what is checked below is its problems and the structural ones (yaml,
  // file, schema), which every analysis has; the other rules' problems are never looked at. (Running
  // them all made every test here cover every mutant of every rule: docs/testing.md, mutation testing.)
  const before = analyze(text, optionsOf(c, code));
  const edits = fixEdits(before.doc, problem.fix!, problem.pointer);
  expect(edits.length, `'${problem.fix!.title}' produced no edit`).toBeGreaterThan(0);
  const after = applyEdits(text, edits);
  // (b) Bytes outside the edits are unchanged, and the edits are small.
  expect(after).toBe(splice(text, edits));
  if (!REMOVES_ENTRIES.has(problem.fix!.kind)) {
    for (const e of edits) {
      const removed = text.slice(e.start, e.end);
      expect(removed, `an edit replaces '${removed}'`).not.toMatch(/[#\n]/);
    }
  }
  // (c) Still parses, and no new structural problem.
  const fixed = analyze(after, optionsOf(c, code));
  expect(structural(fixed.problems)).toEqual(structural(before.problems));
  // (a) The problem is gone.
  const same = (p: Problem): boolean => p.code === code && pointerToString(p.pointer) === pointerToString(problem.pointer) && p.message === problem.message;
  expect(fixed.problems.filter(same), `the problem is still there after '${problem.fix!.title}':\n${after}`).toEqual([]);
  expect(fixed.problems.filter((p) => p.code === code).length).toBeLessThan(before.problems.filter((p) => p.code === code).length);
  return after;
}

const offered: { code: string; c: RuleCase; problem: Problem }[] = [];
for (const { code, cases } of tables) {
  for (const c of cases) {
    for (const problem of analyze(textOf(c), optionsOf(c, code)).problems) {
      if (problem.code === code && problem.fix) offered.push({ code, c, problem });
    }
  }
}

describe('every quick fix of every rule case', () => {
  it('the rule tables were collected, one per rule', () => {
    expect(tables.map((t) => t.code).sort()).toEqual(RULES.map((r) => r.code).sort());
  });
  it('every rule that documents a fix offers it in at least one case of its table', () => {
    const withCase = new Set(offered.map((o) => o.code));
    expect(RULES.filter((r) => r.fix && !withCase.has(r.code)).map((r) => r.code)).toEqual([]);
  });
  for (const { code, c, problem } of offered) {
    it(`${code} › ${c.name} › ${problem.fix!.title}`, () => {
      checkFix(code, c, problem);
    });
  }
});

/** Cases whose complete fixed text is pinned: the first fixable problem of `code` is fixed. */
const EXACT: readonly { code: string; name: string; yaml: string; fixed: string }[] = [
  {
    code: 'sqs/dead-letter-queue',
    name: 'block style: the entry goes after the queue, deadLetter at the end of its map',
    yaml: `archflow: 1
name: t
routers:
  jobs:
    type: queue   # work to do
    to: worker
  other: { type: topic, to: worker }
consumers:
  worker: {}
`,
    fixed: `archflow: 1
name: t
routers:
  jobs:
    type: queue   # work to do
    to: worker
    deadLetter: { queue: jobs-dlq, maxReceiveCount: 5 }
  jobs-dlq: { type: queue, retention: 14d }
  other: { type: topic, to: worker }
consumers:
  worker: {}
`,
  },
  {
    code: 'sqs/dead-letter-queue',
    name: 'flow style and FIFO',
    yaml: `archflow: 1
name: t
routers:
  orders.fifo: { type: queue, fifo: true, to: { function: worker, batchSize: 10 } }
consumers:
  worker: {}
`,
    fixed: `archflow: 1
name: t
routers:
  orders.fifo: { type: queue, fifo: true, to: { function: worker, batchSize: 10 }, deadLetter: { queue: orders-dlq.fifo, maxReceiveCount: 5 } }
  orders-dlq.fifo: { type: queue, fifo: true, retention: 14d }
consumers:
  worker: {}
`,
  },
  {
    code: 'stream/starting-position',
    name: 'a bare reference becomes an object',
    yaml: `archflow: 1
name: t
routers:
  clicks:
    type: stream
    to: [aggregate]  # the reader
consumers:
  aggregate: {}
`,
    fixed: `archflow: 1
name: t
routers:
  clicks:
    type: stream
    to: [{ function: aggregate, startingPosition: LATEST }]  # the reader
consumers:
  aggregate: {}
`,
  },
  {
    code: 'lambda/runtime-lifecycle',
    name: 'the quoting of the runtime is kept',
    yaml: `archflow: 1
name: t
defaults:
  runtime: 'nodejs18.x' # old
consumers:
  worker: {}
`,
    fixed: `archflow: 1
name: t
defaults:
  runtime: 'nodejs24.x' # old
consumers:
  worker: {}
`,
  },
  {
    code: 'dynamodb/stream-required',
    name: 'the stream goes after the type',
    yaml: `archflow: 1
name: t
producers:
  orders:
    type: table
    partitionKey: orderId
    to: { function: worker, startingPosition: LATEST }
consumers:
  worker: {}
`,
    fixed: `archflow: 1
name: t
producers:
  orders:
    type: table
    stream: NEW_AND_OLD_IMAGES
    partitionKey: orderId
    to: { function: worker, startingPosition: LATEST }
consumers:
  worker: {}
`,
  },
  {
    code: 'api/function-timeout',
    name: 'a timeout from defaults is set on the function itself',
    yaml: `archflow: 1
name: t
defaults: { timeout: 60 }
producers:
  api: { type: http-api, routes: { GET /report: report } }
consumers:
  report:
    memory: 512
`,
    fixed: `archflow: 1
name: t
defaults: { timeout: 60 }
producers:
  api: { type: http-api, routes: { GET /report: report } }
consumers:
  report:
    memory: 512
    timeout: 30
`,
  },
  {
    code: 'iam/missing-permission',
    name: 'the statement is appended to a block list with its indentation',
    yaml: `archflow: 1
name: t
routers:
  jobs: { type: queue, to: worker }
consumers:
  worker:
    policies:
      - actions: [sqs:ReceiveMessage]   # polling
        resources: [jobs]
    memory: 256
`,
    fixed: `archflow: 1
name: t
routers:
  jobs: { type: queue, to: worker }
consumers:
  worker:
    policies:
      - actions: [sqs:ReceiveMessage]   # polling
        resources: [jobs]
      - { actions: ["sqs:DeleteMessage", "sqs:GetQueueAttributes"], resources: [jobs] }
    memory: 256
`,
  },
  {
    code: 'eventbridge/fifo-message-group',
    name: 'a bare FIFO queue target becomes an object with a message group',
    yaml: `archflow: 1
name: t
routers:
  bus:
    type: event-bus
    rules:
      placed:
        pattern: { source: [shop] }
        to: orders.fifo   # in order
  orders.fifo: { type: queue, fifo: true }
`,
    fixed: `archflow: 1
name: t
routers:
  bus:
    type: event-bus
    rules:
      placed:
        pattern: { source: [shop] }
        to: { queue: orders.fifo, messageGroup: placed }   # in order
  orders.fifo: { type: queue, fifo: true }
`,
  },
  {
    code: 's3/recursive-write',
    name: 'a bare emit becomes an object with a prefix',
    yaml: `archflow: 1
name: t
producers:
  photos:
    type: bucket
    notifications: [{ on: [ObjectCreated], prefix: uploads/, to: resize }]
consumers:
  resize:
    emits: [photos]
`,
    fixed: `archflow: 1
name: t
producers:
  photos:
    type: bucket
    notifications: [{ on: [ObjectCreated], prefix: uploads/, to: resize }]
consumers:
  resize:
    emits: [{ to: photos, prefix: output/ }]
`,
  },
  {
    code: 'sqs/queue-name',
    name: 'rename-node: a FIFO queue gets its suffix in its declaration and every reference',
    yaml: `archflow: 1
name: t
routers:
  jobs:   # work
    type: queue
    fifo: true
    to: w
  bus: { type: event-bus, rules: { r: { pattern: { source: [x] }, to: { queue: jobs, messageGroup: g } } } }
consumers:
  w: { emits: [jobs, { to: "jobs" }] }
`,
    fixed: `archflow: 1
name: t
routers:
  jobs.fifo:   # work
    type: queue
    fifo: true
    to: w
  bus: { type: event-bus, rules: { r: { pattern: { source: [x] }, to: { queue: jobs.fifo, messageGroup: g } } } }
consumers:
  w: { emits: [jobs.fifo, { to: "jobs.fifo" }] }
`,
  },
  {
    code: 'esm/event-filter',
    name: 'wrap-value: a block filter moves under body, its lines two spaces right',
    yaml: `archflow: 1
name: t
routers:
  jobs:
    type: queue
    to:
      function: w
      filter:
        type: [card]   # the kind
        total: [{ numeric: ['>', 0] }]
      batchSize: 5
consumers:
  w: {}
`,
    fixed: `archflow: 1
name: t
routers:
  jobs:
    type: queue
    to:
      function: w
      filter:
        body:
          type: [card]   # the kind
          total: [{ numeric: ['>', 0] }]
      batchSize: 5
consumers:
  w: {}
`,
  },
  {
    code: 'sns/filter-without-attributes',
    name: 'several: a flow filter nests under detail and the scope becomes body',
    yaml: `archflow: 1
name: t
routers:
  bus: { type: event-bus, rules: { r: { pattern: { source: [x] }, to: { topic: alerts } } } }
  alerts:
    type: topic
    to: [{ queue: audit, filter: { severity: [high] }, deadLetter: dlq }]
  audit: { type: queue }
  dlq: { type: queue }
`,
    fixed: `archflow: 1
name: t
routers:
  bus: { type: event-bus, rules: { r: { pattern: { source: [x] }, to: { topic: alerts } } } }
  alerts:
    type: topic
    to: [{ queue: audit, filter: { detail: { severity: [high] } }, filterScope: body, deadLetter: dlq }]
  audit: { type: queue }
  dlq: { type: queue }
`,
  },
  {
    code: 'lambda/async-failure-destination',
    name: 'several: the destination is set and its queue declared at the end of routers',
    yaml: `archflow: 1
name: t
routers:
  news: { type: topic, to: [notify] }
consumers:
  notify:
    memory: 256
`,
    fixed: `archflow: 1
name: t
routers:
  news: { type: topic, to: [notify] }
  notify-failures: { type: queue, retention: 14d }
consumers:
  notify:
    memory: 256
    async: { onFailure: notify-failures }
`,
  },
  {
    code: 'eventbridge/target-dead-letter',
    name: 'a bare target becomes an object with its dead-letter queue',
    yaml: `archflow: 1
name: t
routers:
  bus:
    type: event-bus
    rules:
      r: { pattern: { source: [x] }, to: w }
consumers:
  w: {}
`,
    fixed: `archflow: 1
name: t
routers:
  bus:
    type: event-bus
    rules:
      r: { pattern: { source: [x] }, to: { function: w, deadLetter: bus-dlq } }
  bus-dlq: { type: queue, retention: 14d }
consumers:
  w: {}
`,
  },
];

describe('quick fixes produce exactly this text', () => {
  for (const x of EXACT) {
    it(`${x.code} › ${x.name}`, () => {
      const c: RuleCase = { name: x.name, yaml: x.yaml };
      const problem = analyze(x.yaml, optionsOf(c, x.code)).problems.find((p) => p.code === x.code && p.fix);
      expect(problem, 'no fixable problem').toBeDefined();
      expect(checkFix(x.code, c, problem!)).toBe(x.fixed);
    });
  }
});
