import { testRule } from '../../helpers/rule-cases';

/** A file with `count` custom buses (each `bN: { type: event-bus }`); `mark` puts an annotation under bus `mark`. */
function buses(count: number, mark?: { at: number; note: string }, extra = ''): string {
  const lines = ['archflow: 1', 'name: t', 'routers:'];
  for (let i = 1; i <= count; i++) {
    lines.push(`  b${i}: { type: event-bus }`);
    if (mark?.at === i) lines.push(`# ${'^'.repeat(`b${i}`.length)} ${mark.note}`);
  }
  return '\n' + lines.join('\n') + '\n' + extra;
}

const HEADING = (count: number, stages = '') =>
  `warning: This file creates ${count} event buses${stages}, ${Math.floor(count)} % of the EventBridge quota of 100 per account and Region. Buses of other stacks in the account count too, and nested stacks do not help; the quota can be raised through Service Quotas (then set archflow.limits.eventBridgeBusesPerAccount).`;

testRule('eventbridge/buses-per-account', [
  { name: '79 buses: below 80 % of the quota of 100', yaml: buses(79) },
  {
    name: '80 buses: heading for the quota (80 %), at the 80th bus',
    yaml: buses(80, { at: 80, note: HEADING(80) }),
  },
  {
    name: '100 buses: exactly at the quota still fits, and is heading for it',
    yaml: buses(100, { at: 80, note: HEADING(100) }),
  },
  {
    name: '101 buses: over the quota, from the 101st bus on',
    yaml: buses(101, { at: 101, note: 'warning: This file creates 101 event buses, over the EventBridge quota of 100 per account and Region (from bus \'b101\' on). Buses of other stacks in the account count too, and nested stacks do not help; the quota can be raised through Service Quotas (then set archflow.limits.eventBridgeBusesPerAccount).' }),
  },
  {
    name: 'every stage deploys its own buses into the account: 40 buses × 2 stages = 80',
    yaml: buses(40, { at: 40, note: HEADING(80, ' (× 2 stages: prod, staging)') }, 'stages:\n  prod: {}\n  staging: {}\n'),
  },
  {
    name: 'the default bus and external buses are not created by the file',
    options: { limits: { eventBridgeBusesPerAccount: 2 } },
    yaml: `
archflow: 1
name: t
routers:
  own: { type: event-bus }
  main: { type: event-bus, default: true }
  other: { type: external, arn: arn:aws:events:eu-west-1:123456789012:event-bus/other }`,
  },
  {
    name: 'a raised quota (archflow.limits.eventBridgeBusesPerAccount)',
    options: { limits: { eventBridgeBusesPerAccount: 120 } },
    yaml: buses(101, { at: 96, note: 'warning: This file creates 101 event buses, 84 % of the EventBridge quota of 120 per account and Region. Buses of other stacks in the account count too, and nested stacks do not help; the quota can be raised through Service Quotas (then set archflow.limits.eventBridgeBusesPerAccount).' }),
  },
  {
    name: 'one bus against a quota of 1: "1 event bus", 100 % of it',
    options: { limits: { eventBridgeBusesPerAccount: 1 } },
    yaml: buses(1, { at: 1, note: 'warning: This file creates 1 event bus, 100 % of the EventBridge quota of 1 per account and Region. Buses of other stacks in the account count too, and nested stacks do not help; the quota can be raised through Service Quotas (then set archflow.limits.eventBridgeBusesPerAccount).' }),
  },
  {
    name: 'with stages, at the bus whose copies reach 80 %: 45 buses × 2 stages = 90, at the 40th bus',
    yaml: buses(45, { at: 40, note: HEADING(90, ' (× 2 stages: prod, staging)') }, 'stages:\n  prod: {}\n  staging: {}\n'),
  },
]);
