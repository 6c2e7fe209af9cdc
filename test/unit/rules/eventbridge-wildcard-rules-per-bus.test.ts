import { testRule } from '../../helpers/rule-cases';

/** A bus with `wildcards` rules using `wildcard` and `plain` rules using `prefix`; `mark` annotates rule `wN`. */
function bus(wildcards: number, plain = 0, mark?: { at: number; note: string }): string {
  const lines = ['archflow: 1', 'name: t', 'routers:', '  bus:', '    type: event-bus', '    rules:'];
  for (let i = 1; i <= plain; i++) lines.push(`      p${i}: { pattern: { source: [{ prefix: shop. }] }, to: worker }`);
  for (let i = 1; i <= wildcards; i++) {
    lines.push(`      w${i}: { pattern: { detail: { key: [{ wildcard: "orders/*/${i}" }] } }, to: worker }`);
    if (mark?.at === i) lines.push(`#     ${'^'.repeat(`w${i}`.length)} ${mark.note}`);
  }
  lines.push('consumers:', '  worker: {}');
  return '\n' + lines.join('\n') + '\n';
}

/** `{ a: { a: … [{ wildcard: "x*" }] } }`, `levels` objects deep, in flow style. */
const nested = (levels: number): string => `${'{ a: '.repeat(levels)}[{ wildcard: "x*" }]${' }'.repeat(levels)}`;

testRule('eventbridge/wildcard-rules-per-bus', [
  { name: '23 wildcard rules (and rules without one): below 80 % of 30', yaml: bus(23, 10) },
  {
    name: '24 wildcard rules: a warning at 80 %, at the 24th',
    yaml: bus(24, 0, { at: 24, note: 'warning: Event bus \'bus\' has 24 rules with a wildcard filter, 80 % of the 30 EventBridge allows per bus (not adjustable).' }),
  },
  {
    name: '30 wildcard rules: exactly at the limit, still a warning only',
    yaml: bus(30, 2, { at: 24, note: 'warning: Event bus \'bus\' has 30 rules with a wildcard filter, 100 % of the 30 EventBridge allows per bus (not adjustable).' }),
  },
  {
    name: '31 wildcard rules: an error from the 31st on',
    yaml: bus(31, 0, { at: 31, note: 'error: Event bus \'bus\' has 31 rules with a wildcard filter; EventBridge allows at most 30 per bus (not adjustable; from rule \'w31\' on). Use prefix or suffix filters where they suffice, or spread the rules over several buses.' }),
  },
  {
    name: 'a wildcard inside anything-but counts too',
    options: { limits: { eventBridgeWildcardRulesPerBus: 1 } },
    yaml: `
archflow: 1
name: t
routers:
  bus:
    type: event-bus
    rules:
      a: { pattern: { detail: { key: [{ anything-but: { wildcard: "tmp/*" } }] } }, to: worker }
      b: { pattern: { detail: { key: [{ wildcard: "*.png" }] } }, to: worker }
#     ^ error: Event bus 'bus' has 2 rules with a wildcard filter; EventBridge allows at most 1 per bus (not adjustable; from rule 'b' on). Use prefix or suffix filters where they suffice, or spread the rules over several buses.
consumers:
  worker: {}`,
  },
  {
    name: 'a wildcard next to plain values in a list counts, and one 64 levels deep; one deeper is not looked for',
    options: { limits: { eventBridgeWildcardRulesPerBus: 1 } },
    yaml: `
archflow: 1
name: t
routers:
  bus:
    type: event-bus
    rules:
      mixed: { pattern: { source: [shop, { wildcard: "shop.*" }], detail-type: [Placed] }, to: worker }
      edge: { pattern: { detail: ${nested(62)} }, to: worker }
#     ^^^^ error: Event bus 'bus' has 2 rules with a wildcard filter; EventBridge allows at most 1 per bus (not adjustable; from rule 'edge' on). Use prefix or suffix filters where they suffice, or spread the rules over several buses.
      deep: { pattern: { detail: ${nested(63)} }, to: worker }
consumers:
  worker: {}`,
  },
]);
