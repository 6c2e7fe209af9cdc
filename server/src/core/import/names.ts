/** Longest node name the format allows. */
const MAX = 64;

/**
 * A valid Archflow node name (`^[A-Za-z][A-Za-z0-9_.-]{0,63}$`) from a logical ID or another label,
 * also valid as a Lambda, SQS or SNS name (no `.`): other characters become `-`, a leading
 * non-letter gets an `r` in front, and it is cut to fit (leaving room for `suffix`, e.g. `.fifo`).
 */
export function toNodeName(raw: string, suffix = ''): string {
  let s = raw.replace(/[^A-Za-z0-9_-]+/g, '-').replace(/-+/g, '-').replace(/^[-_]+|[-_]+$/g, '');
  if (!/^[A-Za-z]/.test(s)) s = 'r' + s;
  return s.slice(0, MAX - suffix.length) + suffix;
}

/**
 * The architecture name (`^[A-Za-z][A-Za-z0-9-]{0,63}$`) for a template file: the file's name, or
 * its folder's when the file is a generic `template.yaml` / `template.json`.
 */
export function architectureName(fileName: string): string {
  const parts = fileName.split(/[\\/]/).filter(Boolean);
  const file = parts.pop() ?? '';
  let base = file.replace(/\.(ya?ml|json|template)$/i, '').replace(/\.(ya?ml|json|template)$/i, '');
  if (/^(template|cfn|cloudformation|sam|serverless|stack)?$/i.test(base) && parts.length > 0) base = parts[parts.length - 1]!;
  let s = base.replace(/[^A-Za-z0-9-]+/g, '-').replace(/-+/g, '-').replace(/^-+|-+$/g, '');
  if (!/^[A-Za-z]/.test(s)) s = 'app' + (s ? '-' + s : '');
  return s.slice(0, 64).replace(/-+$/, '');
}

/**
 * The architecture name cut (at a `-`) so that `<name>-<function>` fits in `limit` characters for
 * the longest function name; unchanged when it fits or cannot be cut sensibly.
 */
export function fitArchitectureName(name: string, longestFunction: number, limit: number): string {
  const room = limit - 1 - longestFunction;
  if (name.length <= room) return name;
  if (room < 3) return name;
  const cut = name.slice(0, room + 1);
  const at = cut.lastIndexOf('-');
  const s = (at >= 3 ? cut.slice(0, at) : name.slice(0, room)).replace(/-+$/, '');
  return /^[A-Za-z]/.test(s) ? s : name;
}

/** Hands out unique node names: reserved ones first (logical IDs), then fresh ones with a counter. */
export class Names {
  private readonly taken = new Set<string>();

  /** Marks a name as used. */
  reserve(name: string): void {
    this.taken.add(name.toLowerCase());
  }

  has(name: string): boolean {
    return this.taken.has(name.toLowerCase());
  }

  /** A name from `raw` that is not used yet (`Queue`, `Queue2`, …), reserved on return. */
  fresh(raw: string, suffix = ''): string {
    const base = toNodeName(raw, suffix);
    let name = base;
    for (let i = 2; this.has(name); i++) {
      const tail = String(i) + suffix;
      name = toNodeName(raw, tail);
    }
    this.reserve(name);
    return name;
  }
}
