/** The text of a realistic architecture with `nodes` producers + routers + consumers (see generate.mjs). */
export function generateArchitecture(nodes: number, name?: string): string;
/** Line and column of `defaults.timeout`'s last digit, where the keystroke benchmark types. */
export function keystrokeSite(text: string): { line: number; character: number };
