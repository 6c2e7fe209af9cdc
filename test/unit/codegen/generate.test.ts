import { createHash } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { decideWrites, generate, isGeneratedScript, isSafeRelativePath, mergePackageJson, parseManifest } from '../../../server/src/core/codegen/index';
import { EVERYTHING, generateFile, generateText, ROOT } from '../../helpers/codegen';

const arch = (body: string): string => `archflow: 1\nname: t\n${body}\n`;
const inputs = [...readdirSync(join(ROOT, 'examples')).filter((f) => f.endsWith('.arch.yaml')).map((f) => join(ROOT, 'examples', f)), EVERYTHING];

describe('determinism', () => {
  for (const file of inputs) {
    it(`${file.slice(ROOT.length + 1)}: generating twice gives identical bytes`, () => {
      const a = generateFile(file);
      const b = generateFile(file);
      expect([...b.files.entries()]).toEqual([...a.files.entries()]);
      expect([...a.files.keys()]).toEqual([...a.files.keys()].sort());
    });
  }

  it('the order of declarations does not change the output', () => {
    const one = generateText(arch('routers: { q: { type: queue, to: f }, n: { type: topic, to: f } }\nconsumers: { f: {}, g: { emits: [q, n] } }'));
    const two = generateText(arch('consumers: { g: { emits: [q, n] }, f: {} }\nrouters: { n: { type: topic, to: f }, q: { type: queue, to: f } }'));
    expect(two.files.get('template.json')).toBe(one.files.get('template.json'));
  });

  it('the manifest holds the SHA-256 of every generated file', () => {
    const p = generateFile(EVERYTHING);
    const manifest = parseManifest(p.files.get('.archflow/manifest.json'))!;
    for (const [path, hash] of Object.entries(manifest.files)) {
      expect(hash).toBe(createHash('sha256').update(p.files.get(path)!).digest('hex'));
    }
    expect(Object.keys(manifest.files)).toContain('template.json');
    expect(Object.keys(manifest.files).some((f) => f.startsWith('src/handlers/'))).toBe(false);
    expect(manifest.handlers).toMatchObject({ placeOrder: 'src/handlers/placeOrder.ts' });
    expect(manifest.functions.find((f) => f.name === 'importFile')).toEqual({ name: 'importFile', logicalId: 'ImportFileFunction', runtime: 'python3.12', codeParameter: 'ImportFileFunctionCodeKey', source: 'python/import_file' });
  });

});

describe('logical IDs', () => {
  const ids = (text: string): string[] => Object.keys(generateText(text).template.Resources);

  it('derive from names: PascalCase and a type suffix', () => {
    expect(ids(arch('routers: { order-events: { type: queue, to: process_order } }\nconsumers: { process_order: {} }'))).toEqual([
      'OrderEventsQueue', 'ProcessOrderFromOrderEventsMapping', 'ProcessOrderFunction', 'ProcessOrderFunctionLogGroup', 'ProcessOrderRole',
    ]);
  });

  it('stay the same when other nodes are added', () => {
    const before = ids(arch('routers: { jobs: { type: queue, to: worker } }\nconsumers: { worker: {} }'));
    const after = ids(arch('routers: { jobs: { type: queue, to: worker }, more: { type: queue, to: other } }\nconsumers: { worker: {}, other: {} }'));
    for (const id of before) expect(after).toContain(id);
  });

  it('names that collide once made PascalCase get a stable tag', () => {
    const a = ids(arch('routers: { order-bus: { type: queue }, orderBus: { type: queue } }'));
    expect(a).toHaveLength(2);
    expect(a).toContain('OrderBusQueue');
    expect(a.find((id) => id !== 'OrderBusQueue')).toMatch(/^OrderBusQueue[0-9A-F]{4}$/);
    expect(ids(arch('routers: { orderBus: { type: queue }, order-bus: { type: queue } }'))).toEqual(a);
  });
});

describe('safety: nothing outside the output folder', () => {
  // The schema rejects these names; the generator must not trust that.
  const evil = (name: string): string => `archflow: 1\nname: t\nconsumers:\n  ${JSON.stringify(name)}: {}\n  ok: {}\n`;
  for (const name of ['../escape', '../../etc/passwd', '/abs/path', 'C:evil', 'a/b', '..', '.hidden', 'x\\y']) {
    it(`a function named ${JSON.stringify(name)} is not generated and reported`, () => {
      const p = generateText(evil(name));
      expect(p.problems).toContainEqual(expect.objectContaining({ code: 'codegen/unsafe-name', severity: 'error', at: ['consumers', name] }));
      for (const path of p.files.keys()) {
        expect(isSafeRelativePath(path)).toBe(true);
        expect(path).not.toContain('..');
      }
      expect(p.files.has('src/handlers/ok.ts')).toBe(true);
    });
  }

  it('isSafeRelativePath refuses escapes and absolute paths', () => {
    for (const bad of ['../x', 'a/../../x', '/etc/passwd', 'C:/x', 'c:x', 'a\\b', '', 'a//b', './a', 'a/./b']) expect(isSafeRelativePath(bad)).toBe(false);
    for (const good of ['template.json', 'src/handlers/a.ts', '.archflow/manifest.json', '.gitignore', 'src/generated/tests/a-b.test.ts']) expect(isSafeRelativePath(good)).toBe(true);
  });

  it('handlers that would clash on a case-insensitive file system are reported', () => {
    const p = generateText(arch('consumers: { worker: {}, Worker: {} }'));
    expect(p.problems).toContainEqual(expect.objectContaining({ code: 'codegen/name-clash' }));
    expect([...p.files.keys()].filter((f) => f.startsWith('src/handlers/'))).toEqual(['src/handlers/Worker.ts']);
  });

  for (const name of ['runtime', 'events', 'Runtime']) {
    it(`a function named ${name} cannot replace the shared src/generated/${name.toLowerCase()}.ts`, () => {
      const shared = generateText(arch('consumers: { f: { emits: [q] } }\nrouters: { q: { type: queue, to: f } }')).files.get(`src/generated/${name.toLowerCase()}.ts`);
      const p = generateText(arch(`consumers: { f: { emits: [q] }, ${name}: {} }\nrouters: { q: { type: queue, to: f } }`));
      expect(p.problems).toContainEqual({
        code: 'codegen/reserved-name', severity: 'error', at: ['consumers', name], target: 'key',
        message: `Function '${name}' is not generated: src/generated/${name.toLowerCase()}.ts is the project's shared ${name.toLowerCase()} module. Rename the function.`,
      });
      expect(p.files.get(`src/generated/${name.toLowerCase()}.ts`)).toBe(shared);
      expect(p.files.has(`src/handlers/${name}.ts`)).toBe(false);
      expect(p.planned.filter((f) => f.path.toLowerCase() === `src/generated/${name.toLowerCase()}.ts`)).toHaveLength(1);
    });
  }
});

describe('project files', () => {
  it('a Node function gets a handler (user-owned), a generated module, samples and a test', () => {
    const p = generateText(arch('routers: { q: { type: queue, to: f } }\nconsumers: { f: {} }'));
    const own = Object.fromEntries(p.planned.map((f) => [f.path, f.ownership]));
    expect(own).toEqual({
      '.archflow/manifest.json': 'generated', '.gitignore': 'user', 'README.md': 'user', 'package.json': 'merged',
      'scripts/build.mjs': 'generated', 'src/generated/events.ts': 'generated', 'src/generated/f.ts': 'generated',
      'src/generated/runtime.ts': 'generated', 'src/generated/samples/f.ts': 'generated', 'src/generated/tests/f.test.ts': 'generated',
      'src/handlers/f.ts': 'user', 'template.json': 'generated', 'tsconfig.json': 'generated',
    });
  });

  it('a non-Node function gets its template and IAM but no TypeScript', () => {
    const p = generateText(arch('routers: { q: { type: queue, to: f } }\nconsumers: { f: { runtime: python3.12, handler: app.main, code: py/f } }'));
    expect([...p.files.keys()].filter((f) => f.includes('/f'))).toEqual([]);
    expect(p.template.Resources.FFunction!.Properties).toMatchObject({ Runtime: 'python3.12', Handler: 'app.main' });
    expect(p.template.Resources.FRole).toBeDefined();
    expect(JSON.parse(p.files.get('package.json')!).scripts.test).toContain('no Node.js functions');
  });

  it('package.json depends on exactly the SDK clients the emit helpers use', () => {
    const pkg = JSON.parse(generateFile(EVERYTHING).files.get('package.json')!);
    expect(Object.keys(pkg.dependencies)).toEqual([
      '@aws-sdk/client-dynamodb', '@aws-sdk/client-eventbridge', '@aws-sdk/client-kinesis', '@aws-sdk/client-s3', '@aws-sdk/client-sfn', '@aws-sdk/client-sns', '@aws-sdk/client-sqs', '@aws-sdk/lib-dynamodb',
    ]);
    expect(Object.keys(pkg.devDependencies)).toEqual(['@types/aws-lambda', '@types/node', 'esbuild', 'tsx', 'typescript']);
    expect(pkg.devDependencies.typescript).toBe('~5.9.3');
    expect(pkg.scripts).toMatchObject({ build: 'node scripts/build.mjs', typecheck: 'tsc --noEmit' });
  });

  it('the handler input follows the triggers', () => {
    const files = generateFile(EVERYTHING).files;
    expect(files.get('src/generated/runJob.ts')).toContain('export type RunJobEvent = SQSEvent;');
    expect(files.get('src/generated/runJob.ts')).toContain('export type RunJobResult = SQSBatchResponse | void;');
    // The archive rule matches every source: every catalog event.
    expect(files.get('src/generated/writeAudit.ts')).toContain('export type WriteAuditEvent = SQSEvent | EventBridgeEvent<"OrderPlaced", Events.OrderPlaced> | EventBridgeEvent<"OrderPaid", Events.OrderPaid> | EventBridgeEvent<"Click Recorded", Events.Click>;');
    // Raw delivery from a topic fed by an emit without a declared event.
    expect(files.get('src/generated/writeAudit.ts')).toContain('export type AuditMessage = unknown;');
    expect(files.get('src/generated/aggregate.ts')).toContain('export type AggregateEvent = KinesisStreamEvent;');
    expect(files.get('src/generated/aggregate.ts')).toContain('export type ClicksMessage = EventBridgeEvent<"OrderPlaced", Events.OrderPlaced> | Events.Click | ScheduledEvent;');
    expect(files.get('src/generated/projectOrder.ts')).toContain('export type ProjectOrderEvent = DynamoDBStreamEvent;');
    expect(files.get('src/generated/notify.ts')).toContain('export type NotifyEvent = SNSEvent | InvocationRecord;');
    expect(files.get('src/generated/reconcile.ts')).toContain('export type ReconcileEvent = ScheduledEvent;');
    expect(files.get('src/generated/placeOrder.ts')).toContain('export type PlaceOrderEvent = APIGatewayProxyEventV2;');
    expect(files.get('src/generated/placeOrder.ts')).toContain('export type ApiBody = Events.OrderPlaced;');
    expect(files.get('src/generated/sendReceipt.ts')).toContain('EventBridgeEvent<"OrderPlaced", Events.OrderPlaced>');
    expect(files.get('src/generated/placeOrder.ts')).toContain('export async function putOrderPlacedToOrderBus(detail: Events.OrderPlaced): Promise<void>');
    expect(files.get('src/generated/placeOrder.ts')).toContain('export async function sendToJobsFifo(message: unknown, options: SendOptions): Promise<void>');
  });

  it('an environment variable the user sets that Archflow needs is reported', () => {
    const p = generateText(arch('routers: { q: { type: queue } }\nconsumers: { f: { emits: [q], environment: { Q_QUEUE_URL: mine } } }'));
    expect(p.problems).toContainEqual(expect.objectContaining({ code: 'codegen/environment-clash', at: ['consumers', 'f', 'environment', 'Q_QUEUE_URL'] }));
    expect((p.template.Resources.FFunction!.Properties.Environment as { Variables: Record<string, unknown> }).Variables.Q_QUEUE_URL).toEqual({ Ref: 'QQueue' });
  });

  it("a topic's raised maximum message size cannot be carried by the template: reported, the template stays valid", () => {
    const p = generateText(arch('routers: { big: { type: topic, maxMessageSize: 1048576 }, plain: { type: topic, maxMessageSize: 262144 } }'));
    expect(p.problems.filter((x) => x.code === 'codegen/topic-message-size').map((x) => x.at)).toEqual([['routers', 'big', 'maxMessageSize']]);
    expect(p.template.Resources.BigTopic!.Properties).not.toHaveProperty('MaximumMessageSize');
  });

  it('a route timeout beyond what the generated integration carries is reported', () => {
    const p = generateText(arch('producers: { api: { type: http-api, flavor: rest, routes: { GET /a: { function: f, timeout: 60 }, GET /b: { function: f, timeout: 29 } } } }\nconsumers: { f: {} }'));
    expect(p.problems.filter((x) => x.code === 'codegen/route-timeout').map((x) => [x.at, x.message])).toEqual([
      [['producers', 'api', 'routes', 'GET /a', 'timeout'], "Route 'GET /a' of REST API 'api' waits 60 s, but the generated REST API integration is capped at 29 s, the REST API default (a quota AWS raised for your account is not carried into the template)."],
    ]);
  });

  it('partial batch responses change the generated handler type', () => {
    const without = generateText(arch('routers: { q: { type: queue, to: f } }\nconsumers: { f: {} }'));
    const withIt = generateText(arch('routers: { q: { type: queue, to: { function: f, reportFailures: true } } }\nconsumers: { f: {} }'));
    expect(without.files.get('src/generated/f.ts')).not.toContain('SQSBatchResponse');
    expect(withIt.files.get('src/generated/f.ts')).toContain('SQSBatchResponse | void');
    expect(withIt.template.Resources.FFromQMapping!.Properties.FunctionResponseTypes).toEqual(['ReportBatchItemFailures']);
  });

  it('accepts an analysis-shaped input and a bare document value', () => {
    const text = arch('consumers: { f: {} }');
    const fromRoot = generate({ root: { archflow: 1, name: 't', consumers: { f: {} } } });
    expect(fromRoot.files.get('template.json')).toBe(generateText(text).files.get('template.json'));
  });
});

describe('regenerating', () => {
  const first = generateText(arch('routers: { q: { type: queue, to: f } }\nconsumers: { f: {}, g: {} }'));
  const disk = new Map(first.files);
  const read = (p: string): string | undefined => disk.get(p);

  it('over its own output changes nothing', () => {
    const again = decideWrites(first.planned, { existing: read, previous: first.manifest });
    expect(again.every((d) => d.action === 'unchanged' || d.action === 'leave')).toBe(true);
    expect(again.filter((d) => d.action === 'leave').map((d) => d.path)).toEqual(['.gitignore', 'README.md', 'src/handlers/f.ts', 'src/handlers/g.ts']);
  });

  it('the files planned for the orders example: 33 created, then 25 unchanged and 8 left alone (the e2e Generate Project test asserts these counts)', () => {
    const orders = generateFile(join(ROOT, 'examples/orders.arch.yaml'));
    const fns = ['chargeCard', 'getOrder', 'pager', 'placeOrder', 'sendReceipt', 'writeAudit'];
    const owned = (o: string): string[] => orders.planned.filter((f) => f.ownership === o).map((f) => f.path);
    expect(owned('user')).toEqual(['.gitignore', 'README.md', ...fns.map((f) => `src/handlers/${f}.ts`)]);
    expect(owned('merged')).toEqual(['package.json']);
    expect(owned('generated')).toEqual([
      '.archflow/manifest.json', 'scripts/build.mjs', ...['chargeCard', 'events', 'getOrder', 'pager', 'placeOrder', 'runtime'].map((f) => `src/generated/${f}.ts`),
      ...fns.map((f) => `src/generated/samples/${f}.ts`), 'src/generated/sendReceipt.ts', ...fns.map((f) => `src/generated/tests/${f}.test.ts`),
      'src/generated/writeAudit.ts', 'template.json', 'tsconfig.json',
    ]);
    expect(decideWrites(orders.planned, { existing: () => undefined, previous: undefined }).every((d) => d.action === 'create')).toBe(true);
    const disk = new Map(orders.files);
    disk.set('src/handlers/placeOrder.ts', `${disk.get('src/handlers/placeOrder.ts')}\n// my business logic\n`);
    const again = decideWrites(orders.planned, { existing: (p) => disk.get(p), previous: orders.manifest });
    expect(again.filter((d) => d.action === 'unchanged').map((d) => d.path)).toEqual([...owned('generated'), 'package.json'].sort());
    expect(again.filter((d) => d.action === 'leave').map((d) => d.path)).toEqual(owned('user'));
    expect(again).toHaveLength(33);
  });

  it('keeps an edited handler and reports an edited generated file', () => {
    const edited = new Map(disk);
    edited.set('src/handlers/f.ts', '// my code\n');
    edited.set('src/generated/f.ts', disk.get('src/generated/f.ts') + '// oops\n');
    const d = decideWrites(first.planned, { existing: (p) => edited.get(p), previous: first.manifest });
    expect(d.find((x) => x.path === 'src/handlers/f.ts')).toEqual({ path: 'src/handlers/f.ts', action: 'leave', content: '// my code\n' });
    expect(d.find((x) => x.path === 'src/generated/f.ts')).toMatchObject({ action: 'replace', reason: 'edited', content: first.files.get('src/generated/f.ts') });
  });

  it('updates generated files without a report when only the architecture changed', () => {
    const next = generateText(arch('routers: { q: { type: queue, to: f, visibilityTimeout: 60 } }\nconsumers: { f: {}, g: {} }'), first.manifest);
    const d = decideWrites(next.planned, { existing: read, previous: first.manifest });
    expect(d.find((x) => x.path === 'template.json')!.action).toBe('update');
    expect(d.filter((x) => x.action === 'replace')).toEqual([]);
  });

  it('reports the handler of a removed function and leaves it in place', () => {
    const next = generateText(arch('routers: { q: { type: queue, to: f } }\nconsumers: { f: {} }'), first.manifest);
    expect(next.orphanedHandlers).toEqual(['src/handlers/g.ts']);
    expect(next.staleFiles).toEqual(['src/generated/g.ts', 'src/generated/samples/g.ts', 'src/generated/tests/g.test.ts']);
    expect(next.files.has('src/handlers/g.ts')).toBe(false);
  });

  it('merges package.json: generated keys updated, the user’s additions kept', () => {
    const mine = JSON.stringify({ name: 'x', scripts: { lint: 'eslint .', test: 'old' }, dependencies: { zod: '^3.0.0' } });
    const merged = JSON.parse(mergePackageJson(mine, first.files.get('package.json')!));
    expect(merged.scripts).toMatchObject({ lint: 'eslint .', test: expect.stringContaining('node --import tsx --test') });
    expect(merged.dependencies).toMatchObject({ zod: '^3.0.0' });
    expect(merged.devDependencies.typescript).toBe('~5.9.3');
    expect(merged.name).toBe('x');
  });

  it('a file it did not write is replaced only with consent; the person\'s package.json scripts too', () => {
    const theirs = new Map<string, string>([['tsconfig.json', '{}\n'], ['package.json', JSON.stringify({ scripts: { test: 'jest', build: 'node scripts/build.mjs' } })]]);
    const d = decideWrites(first.planned, { existing: (p) => theirs.get(p), previous: undefined, isGeneratedScript });
    expect(d.filter((x) => x.action === 'replace').map(({ path, reason, detail }) => ({ path, reason, detail }))).toEqual([
      { path: 'package.json', reason: 'scripts', detail: 'its script test ("jest") would be replaced' },
      { path: 'tsconfig.json', reason: 'unowned', detail: 'Archflow did not write it' },
    ]);
  });

  it('recognises the scripts Archflow generates, of any generation', () => {
    expect(isGeneratedScript('test', 'node --import tsx --test src/generated/tests/a.test.ts src/generated/tests/b-2.test.ts')).toBe(true);
    expect(isGeneratedScript('test', 'node -e "console.log(\'no Node.js functions to test\')"')).toBe(true);
    expect(isGeneratedScript('build', 'node scripts/build.mjs')).toBe(true);
    expect(isGeneratedScript('typecheck', 'tsc --noEmit')).toBe(true);
    for (const [name, value] of [['test', 'jest'], ['test', 'node --import tsx --test src/generated/tests/a.test.ts && rm -rf /'], ['build', 'tsc'], ['lint', 'eslint .']]) {
      expect(isGeneratedScript(name!, value!), `${name}: ${value}`).toBe(false);
    }
  });

  it('a previous manifest that is not JSON is no manifest', () => {
    expect(parseManifest('{oops')).toBeUndefined();
    expect(parseManifest(undefined)).toBeUndefined();
    expect(parseManifest(readFileSync(EVERYTHING, 'utf8'))).toBeUndefined();
  });
});
