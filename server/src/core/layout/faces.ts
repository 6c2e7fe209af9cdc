import type { IconDef } from '../../../../renderer/src/drawing';
import type { IconKind } from './diagram';

/**
 * One glyph per kind, drawn in a 24 × 24 box with white strokes on the kind's coloured tile.
 * Our own paths: no remote content, no icon font.
 */
const GLYPHS: Readonly<Record<IconKind, string>> = {
  // λ
  function: 'M7.5 4.5h2.8l6.7 15 M12.6 10.4 7.4 19.5',
  // A message queue: a pipe of messages.
  queue: 'M3.5 8h17v8h-17z M8 8v8 M12 8v8 M16 8v8',
  // A queue whose messages leave in order (the arrow).
  'fifo-queue': 'M3 8.5h12.5v7H3z M7.2 8.5v7 M11.3 8.5v7 M17.5 12H22 M19.8 9.8 22 12l-2.2 2.2',
  // A topic fans out.
  topic: 'M8.2 12h3.3 M11.5 12l4.2-5 M11.5 12h5.3 M11.5 12l4.2 5 M4 12a2.1 2.1 0 1 0 4.2 0a2.1 2.1 0 1 0-4.2 0 M15.7 6.2a1.6 1.6 0 1 0 3.2 0a1.6 1.6 0 1 0-3.2 0 M16.8 12a1.6 1.6 0 1 0 3.2 0a1.6 1.6 0 1 0-3.2 0 M15.7 17.8a1.6 1.6 0 1 0 3.2 0a1.6 1.6 0 1 0-3.2 0',
  // A bus with taps.
  'event-bus': 'M3 12h18 M6.5 12V6.5 M12 12v5.5 M17.5 12V6.5 M5 6.5h3 M10.5 17.5h3 M16 6.5h3',
  // Records flowing.
  stream: 'M3 7.5c3-2 6 2 9 0s6-2 9 0 M3 12c3-2 6 2 9 0s6-2 9 0 M3 16.5c3-2 6 2 9 0s6-2 9 0',
  // { }
  api: 'M9 4.5c-2 0-2.5 1-2.5 3v2.2c0 1.3-.8 2.3-2 2.3 1.2 0 2 1 2 2.3v2.2c0 2 .5 3 2.5 3 M15 4.5c2 0 2.5 1 2.5 3v2.2c0 1.3.8 2.3 2 2.3-1.2 0-2 1-2 2.3v2.2c0 2-.5 3-2.5 3',
  // A bucket.
  bucket: 'M4 7l2 12c.3 1.6 11.7 1.6 12 0l2-12 M4 7a8 2.2 0 1 0 16 0a8 2.2 0 1 0-16 0',
  // A clock.
  schedule: 'M4 12a8 8 0 1 0 16 0a8 8 0 1 0-16 0 M12 7.5V12l3 2',
  // A database cylinder.
  table: 'M5 6v12c0 2.2 14 2.2 14 0V6 M5 6a7 2.2 0 1 0 14 0a7 2.2 0 1 0-14 0 M5 12c0 2.2 14 2.2 14 0',
  // Something outside: a box with an arrow out.
  external: 'M13.5 4.5h6v6 M19.5 4.5l-8.5 8.5 M17.5 14v5.5h-13v-13H10',
};

/** The colour of each kind's icon tile (close to the AWS service category colours). */
const COLOURS: Readonly<Record<IconKind, string>> = {
  function: '#d45b07',
  queue: '#c7156e',
  'fifo-queue': '#a3125c',
  topic: '#b8146a',
  'event-bus': '#9b1d63',
  stream: '#6b3fd4',
  api: '#4453c9',
  bucket: '#5f8410',
  schedule: '#c22c44',
  table: '#2f62b8',
  external: '#68707c',
};

/** What the nodes of each icon look like; the diagram carries them, so the renderer knows no kinds. */
export const ICONS: Readonly<Record<IconKind, IconDef>> = Object.fromEntries(
  (Object.keys(GLYPHS) as IconKind[]).map((icon) => [icon, { glyph: GLYPHS[icon], colour: COLOURS[icon] }]),
) as Record<IconKind, IconDef>;

/** The pictures of the icons nodes use, by id (in the order first used). */
export function iconsOf(nodes: readonly { readonly icon: IconKind }[]): Record<string, IconDef> {
  const out: Record<string, IconDef> = {};
  for (const n of nodes) out[n.icon] ??= ICONS[n.icon];
  return out;
}
