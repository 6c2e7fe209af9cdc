import { readdirSync } from 'node:fs';
import { resolve } from 'node:path';

/** The examples directory of the repository. */
export const EXAMPLES_DIR = resolve(__dirname, '../../examples');

/**
 * The example architectures, by name. Tests that loop over the examples first check that the
 * directory holds exactly these, so that a loop over an empty or half-read directory cannot pass:
 * adding an example means adding it here.
 */
export const EXAMPLE_FILES: readonly string[] = ['analytics.arch.yaml', 'file-processing.arch.yaml', 'fulfilment.arch.yaml', 'function-wiring.arch.yaml', 'orders.arch.yaml'];

/** The `*.arch.yaml` files of examples/, sorted. */
export function exampleFiles(): string[] {
  return readdirSync(EXAMPLES_DIR).filter((f) => f.endsWith('.arch.yaml')).sort();
}
