/**
 * Messages that teach the format: what a person probably meant when a value has the wrong shape.
 * `validate.ts` asks these for the `type`, `const` and discriminator errors it turns into findings.
 */
import type { Fix, Pointer } from '../span';
import { article, isDefaultKind, isNodeKind, KIND_MODULES, kindModule, sectionOfKind, type NodeKind, type Section } from '../kinds/index';
import { isObj } from '../util/value';

/** What people write for a node type, by the AWS service or resource they think of (each kind's `aliases`). */
const TYPE_ALIASES: ReadonlyMap<string, NodeKind> = new Map(KIND_MODULES.flatMap((m) => (m.aliases ?? []).map((a) => [a, m.kind] as const)));

/**
 * A hint for an unknown `type` in a section: the type of that service (`s3` → `bucket`), or the section
 * where a known type belongs (`type: queue` under `producers` → `routers`). Empty when there is none.
 */
export function typeHint(section: Section, value: unknown, at: Pointer): { text: string; fix?: Fix } {
  if (typeof value !== 'string') return { text: '' };
  const lower = value.toLowerCase();
  const kind = isNodeKind(lower) ? lower : TYPE_ALIASES.get(lower);
  if (!kind) return { text: '' };
  // A stand-in (`external`) is valid in every section.
  const home = kindModule(kind).standsIn ? undefined : sectionOfKind(kind);
  if (home === section) {
    return { text: ` Did you mean \`${kind}\`?`, fix: { kind: 'set-value', title: `Change the type to '${kind}'`, at, value: kind } };
  }
  if (!home) return { text: '' };
  return { text: ` ${capitalize(article(kind))} is declared under \`${home}\`${isDefaultKind(kind) ? ', without a `type`' : ` (\`type: ${kind}\`)`}.` };
}

const capitalize = (s: string): string => s.charAt(0).toUpperCase() + s.slice(1);

/** Units people write after a size, in the unit of the field. */
const SIZE_UNITS: Readonly<Record<string, Readonly<Record<string, number>>>> = {
  MB: { kb: 1 / 1024, kib: 1 / 1024, mb: 1, mib: 1, m: 1, gb: 1024, gib: 1024, g: 1024 },
  bytes: { b: 1, kb: 1024, kib: 1024, k: 1024, mb: 1024 * 1024, mib: 1024 * 1024, m: 1024 * 1024 },
};

/**
 * A hint for a size written with a unit in a field that takes a number of its `x-unit`
 * (`memory: 2GB` → "in MB: 2048"), with a fix that writes the number. Empty when it does not apply.
 */
export function sizeHint(unit: unknown, key: string, value: unknown, at: Pointer): { text: string; fix?: Fix } {
  if (typeof unit !== 'string' || typeof value !== 'string') return { text: '' };
  const units = SIZE_UNITS[unit];
  const m = /^\s*(\d+(?:\.\d+)?)\s*([a-z]+)\s*$/i.exec(value);
  if (!units || !m) return { text: '' };
  const factor = units[m[2]!.toLowerCase()];
  if (factor === undefined) return { text: '' };
  const number = Number(m[1]) * factor;
  if (!Number.isInteger(number)) return { text: ` \`${key}\` is a whole number of ${unit}.` };
  return {
    text: ` \`${key}\` is a number in ${unit}: ${number}.`,
    fix: { kind: 'set-value', title: `Write ${number} (${unit})`, at, value: number },
  };
}

/**
 * A hint for a `deadLetter` in the wrong form, with the right form for its place: a queue's takes the
 * dead-letter queue's name or `{ queue, maxReceiveCount }`; a schedule's, a subscription's and a rule
 * target's take only the name of a standard queue.
 */
export function deadLetterHint(at: Pointer, value: unknown, onQueue: boolean): { text: string; fix?: Fix } {
  if (onQueue) {
    return { text: ' A queue\'s `deadLetter` is the dead-letter queue\'s name (`deadLetter: jobs-dlq`) or `{ queue: jobs-dlq, maxReceiveCount: 5 }`.' };
  }
  const name = isObj(value) && typeof value.queue === 'string' && value.queue ? value.queue : undefined;
  const extra = isObj(value) && value.maxReceiveCount !== undefined
    ? ' `maxReceiveCount` belongs to a queue\'s own `deadLetter`; here the sender retries by its own policy (`retry` on schedules and rule targets).'
    : '';
  return {
    text: ` Here \`deadLetter\` is the name of a standard queue: \`deadLetter: ${name ?? 'events-dlq'}\`.${extra}`,
    ...(name ? { fix: { kind: 'set-value', title: `Write deadLetter: ${name}`, at, value: name } } : {}),
  };
}
