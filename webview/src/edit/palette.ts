/**
 * The palette of kinds the diagram can add, and the rule for names. The webview bundles nothing of
 * the server: this list mirrors the kind registry (`PALETTE_KINDS` and the kinds' labels in
 * server/src/core), and test/unit/edit/palette.test.ts fails when they differ. The language server
 * checks every name again (core/edit/add.ts); the webview's check only answers while typing.
 */

/** One kind of the palette: its `type:` word, how it is named, and the name a new one is offered. */
export interface PaletteKind {
  readonly kind: string;
  readonly label: string;
  readonly article: 'a' | 'an';
  readonly suggested: string;
}

export const PALETTE: readonly PaletteKind[] = [
  { kind: 'http-api', label: 'HTTP API', article: 'an', suggested: 'api' },
  { kind: 'websocket-api', label: 'WebSocket API', article: 'a', suggested: 'chat' },
  { kind: 'bucket', label: 'bucket', article: 'a', suggested: 'uploads' },
  { kind: 'schedule', label: 'schedule', article: 'a', suggested: 'nightly' },
  { kind: 'table', label: 'table', article: 'a', suggested: 'items' },
  { kind: 'queue', label: 'queue', article: 'a', suggested: 'jobs' },
  { kind: 'topic', label: 'topic', article: 'a', suggested: 'alerts' },
  { kind: 'event-bus', label: 'event bus', article: 'an', suggested: 'bus' },
  { kind: 'stream', label: 'stream', article: 'a', suggested: 'clicks' },
  { kind: 'firehose', label: 'Firehose stream', article: 'a', suggested: 'archive' },
  { kind: 'state-machine', label: 'state machine', article: 'a', suggested: 'workflow' },
  { kind: 'pipe', label: 'pipe', article: 'a', suggested: 'pipe' },
  { kind: 'function', label: 'function', article: 'a', suggested: 'handler' },
];

/** The schema's pattern for the names of producers, routers and consumers. */
export const NAME_PATTERN = /^[A-Za-z][A-Za-z0-9_.-]{0,63}$/;

/** The pattern in words. */
export const NAME_RULE = "names start with a letter and use letters, digits, '_', '.' and '-' (at most 64 characters).";
