/**
 * IPv4 / IPv6 addresses and CIDR blocks for the `cidr` operator, with the checks and wording of
 * EventBridge (event-ruler's `CIDR`): `/32` and `/128` are refused (an exact address is an exact match),
 * host bits below the mask are ignored, and a value of the other family never matches.
 */

/** A CIDR block: the fixed leading bits of an address. */
export interface Cidr {
  readonly bytes: Uint8Array;
  readonly maskBits: number;
}

const IPV4_SHAPE = /^[0-9]+\.[0-9]+\.[0-9]+\.[0-9]+$/;
const IPV6_SHAPE = /^[0-9a-fA-F:]+$/;

/** Whether the text has the shape of an address at all (else AWS says "Nonstandard IP address"). */
function looksLikeIp(text: string): boolean {
  return IPV4_SHAPE.test(text) || (text.includes(':') && IPV6_SHAPE.test(text));
}

/** Parses an IPv4 (dotted decimal) or IPv6 (with `::`) address into 4 or 16 bytes; undefined if invalid. */
export function parseIp(text: string): Uint8Array | undefined {
  if (IPV4_SHAPE.test(text)) {
    const parts = text.split('.').map(Number);
    if (parts.some((p) => !(p >= 0 && p <= 255))) return undefined;
    return Uint8Array.from(parts);
  }
  if (!text.includes(':') || !IPV6_SHAPE.test(text)) return undefined;
  const halves = text.split('::');
  if (halves.length > 2) return undefined;
  const groups = (s: string): number[] | undefined => {
    if (s === '') return [];
    const out: number[] = [];
    for (const g of s.split(':')) {
      if (!/^[0-9a-fA-F]{1,4}$/.test(g)) return undefined;
      out.push(parseInt(g, 16));
    }
    return out;
  };
  const head = groups(halves[0]!);
  const tail = halves.length === 2 ? groups(halves[1]!) : [];
  if (!head || !tail) return undefined;
  const missing = 8 - head.length - tail.length;
  if (halves.length === 2 ? missing < 1 : missing !== 0) return undefined;
  const all = [...head, ...new Array<number>(missing).fill(0), ...tail];
  const bytes = new Uint8Array(16);
  all.forEach((g, i) => {
    bytes[2 * i] = g >> 8;
    bytes[2 * i + 1] = g & 0xff;
  });
  return bytes;
}

/** Parses a `cidr` operand, or returns AWS's reason it is not one. */
export function parseCidr(text: string): Cidr | { error: string } {
  // Java's String.split drops trailing empty strings: `10.0.0.0/` has no mask field at all.
  const slashed = text.split('/');
  while (slashed.length > 0 && slashed[slashed.length - 1] === '') slashed.pop();
  if (slashed.length !== 2) return { error: "Malformed CIDR, one '/' required" };
  const [address, mask] = slashed as [string, string];
  if (!/^[+-]?[0-9]+$/.test(mask) || Math.abs(Number(mask)) > 2 ** 31 - 1) {
    return { error: 'Malformed CIDR, mask bits must be an integer' };
  }
  const maskBits = Number(mask);
  if (maskBits < 0) return { error: 'Malformed CIDR, mask bits must not be negative' };
  if (!looksLikeIp(address)) return { error: `Nonstandard IP address: ${address}` };
  const bytes = parseIp(address);
  if (!bytes) return { error: `Invalid IP address: ${address}` };
  if (bytes.length === 4 && maskBits > 31) return { error: 'IPv4 mask bits must be < 32' };
  if (bytes.length === 16 && maskBits > 127) return { error: 'IPv6 mask bits must be < 128' };
  return { bytes, maskBits };
}

/** Whether an event value (an address as text) lies in the block. */
export function cidrContains(cidr: Cidr, value: string): boolean {
  const ip = parseIp(value);
  if (!ip || ip.length !== cidr.bytes.length) return false;
  let bits = cidr.maskBits;
  for (let i = 0; bits > 0; i++, bits -= 8) {
    const mask = bits >= 8 ? 0xff : (0xff << (8 - bits)) & 0xff;
    if ((ip[i]! & mask) !== (cidr.bytes[i]! & mask)) return false;
  }
  return true;
}
