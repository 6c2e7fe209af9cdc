/**
 * Colours of the diagram. In the webview every colour is the editor's theme colour (a CSS variable
 * VS Code sets); outside VS Code (the CLI, an exported file) the fallback palette of the chosen
 * theme applies, or literal colours resolved from the editor at export time.
 */

/** The three kinds of VS Code theme. */
export type ThemeKind = 'light' | 'dark' | 'high-contrast';

/** Every colour the diagram uses. */
export interface Palette {
  readonly background: string;
  readonly foreground: string;
  readonly muted: string;
  readonly nodeBackground: string;
  readonly nodeBorder: string;
  readonly edge: string;
  readonly emit: string;
  readonly failure: string;
  readonly error: string;
  readonly warning: string;
  readonly info: string;
  readonly focus: string;
  readonly match: string;
  readonly font: string;
}

/** The VS Code theme variable behind each colour. */
export const THEME_VARIABLES: Readonly<Record<keyof Palette, string>> = {
  background: '--vscode-editor-background',
  foreground: '--vscode-editor-foreground',
  muted: '--vscode-descriptionForeground',
  nodeBackground: '--vscode-editorWidget-background',
  nodeBorder: '--vscode-editorWidget-border',
  edge: '--vscode-editorLineNumber-foreground',
  emit: '--vscode-charts-blue',
  failure: '--vscode-charts-red',
  error: '--vscode-editorError-foreground',
  warning: '--vscode-editorWarning-foreground',
  info: '--vscode-editorInfo-foreground',
  focus: '--vscode-focusBorder',
  match: '--vscode-editor-findMatchHighlightBackground',
  font: '--vscode-font-family',
};

const FONT = "'Segoe UI', system-ui, -apple-system, 'Helvetica Neue', Arial, sans-serif";

/** The fallback palettes (VS Code's default Light+, Dark+ and High Contrast colours). */
export const PALETTES: Readonly<Record<ThemeKind, Palette>> = {
  light: {
    background: '#ffffff', foreground: '#1f1f1f', muted: '#616161', nodeBackground: '#f8f8f8', nodeBorder: '#c8c8c8',
    edge: '#6e7681', emit: '#1a85ff', failure: '#d03a3a', error: '#e51400', warning: '#bf8803', info: '#1a85ff',
    focus: '#005fb8', match: 'rgba(234, 92, 0, 0.33)', font: FONT,
  },
  dark: {
    background: '#1f1f1f', foreground: '#cccccc', muted: '#9d9d9d', nodeBackground: '#252526', nodeBorder: '#454545',
    edge: '#8b949e', emit: '#3794ff', failure: '#f14c4c', error: '#f14c4c', warning: '#cca700', info: '#3794ff',
    focus: '#0078d4', match: 'rgba(234, 92, 0, 0.33)', font: FONT,
  },
  'high-contrast': {
    background: '#000000', foreground: '#ffffff', muted: '#ffffff', nodeBackground: '#0c141f', nodeBorder: '#6fc3df',
    edge: '#ffffff', emit: '#3794ff', failure: '#f48771', error: '#f48771', warning: '#ffd700', info: '#3794ff',
    focus: '#f38518', match: 'rgba(243, 133, 24, 0.5)', font: FONT,
  },
};

const KEYS = Object.keys(THEME_VARIABLES) as (keyof Palette)[];

/**
 * A colour or font list as a CSS value, with nothing that could end the declaration, the rule or the
 * `<style>` element it is written into (a palette read from an editor theme is not trusted).
 */
export function cssValue(value: unknown): string {
  return String(value).replace(/[<>&{};\\@]/g, '').replace(/\/\*|\*\//g, '');
}

const cssName = (key: string): string => '--af-' + key.replace(/[A-Z]/g, (c) => '-' + c.toLowerCase());

/**
 * The smallest font size the diagram's stylesheet uses, in pixels at 100 % (edge labels, subtitles,
 * lane titles, badges). The webview never shows text smaller than its minimum on screen, so it
 * zooms out below MIN_TEXT_PX / SMALLEST_FONT_PX only with the text hidden (test/unit/layout/readable.test.ts
 * checks the stylesheet against it).
 */
export const SMALLEST_FONT_PX = 11;

/**
 * The diagram's stylesheet. Without `palette`, each colour is `var(--vscode-…, <fallback of the
 * theme>)` and the theme is chosen by a class on the `<svg>` (`af-light`, `af-dark`, `af-high-contrast`).
 * With `palette`, the colours are literal (a file exported from the editor looks the same anywhere).
 */
export function diagramCss(palette?: Palette): string {
  const vars = (p: Palette, useVscode: boolean): string =>
    KEYS.map((k) => `${cssName(k)}: ${useVscode ? `var(${THEME_VARIABLES[k]}, ${cssValue(p[k])})` : cssValue(p[k])};`).join(' ');
  const themes = palette
    ? `.af-diagram { ${vars(palette, false)} }`
    : (Object.keys(PALETTES) as ThemeKind[]).map((t) => `.af-diagram.af-${t} { ${vars(PALETTES[t], true)} }`).join('\n');
  return `${themes}
.af-diagram { font-family: var(--af-font); }
.af-bg { fill: var(--af-background); }
.af-lane-band { fill: var(--af-foreground); fill-opacity: 0.035; }
.af-lane:nth-of-type(even) .af-lane-band { fill-opacity: 0.06; }
.af-lane-title { fill: var(--af-muted); font-size: 11px; font-weight: 600; letter-spacing: 0.08em; }
.af-lane-count { fill: var(--af-muted); font-size: 11px; }
.af-node { cursor: pointer; }
.af-node-box { fill: var(--af-node-background); stroke: var(--af-node-border); stroke-width: 1; }
.af-high-contrast .af-node-box { stroke-width: 1.5; }
.af-node-title { fill: var(--af-foreground); font-size: 13px; font-weight: 600; }
.af-node-subtitle { fill: var(--af-muted); font-size: 11px; }
.af-icon-glyph { fill: none; stroke: #ffffff; stroke-width: 1.7; stroke-linecap: round; stroke-linejoin: round; }
.af-halo { fill: none; stroke: none; }
.af-node.af-match .af-halo { fill: var(--af-match); }
.af-node.af-selected .af-node-box, .af-edge.af-selected .af-edge-line { stroke: var(--af-focus); stroke-width: 2.5; }
.af-dimmed { opacity: 0.3; }
.af-badge circle { stroke: var(--af-background); stroke-width: 2; }
.af-badge text { fill: #ffffff; font-size: 11px; font-weight: 700; }
.af-badge-error circle { fill: var(--af-error); }
.af-badge-warning circle { fill: var(--af-warning); }
.af-badge-info circle { fill: var(--af-info); }
.af-high-contrast .af-badge text, .af-badge-warning text { fill: #000000; }
.af-edge { cursor: pointer; }
.af-edge-line { fill: none; stroke: var(--af-edge); stroke-width: 1.5; }
.af-edge-hit { fill: none; stroke: transparent; stroke-width: 10; }
.af-edge-emit .af-edge-line { stroke: var(--af-emit); }
.af-edge-dead-letter .af-edge-line, .af-edge-on-failure .af-edge-line { stroke: var(--af-failure); stroke-dasharray: 5 4; }
.af-edge-on-success .af-edge-line { stroke-dasharray: 5 4; }
.af-edge-problem-error .af-edge-line { stroke: var(--af-error); stroke-width: 2; }
.af-edge-problem-warning .af-edge-line { stroke: var(--af-warning); stroke-width: 2; }
.af-arrow { fill: var(--af-edge); }
.af-arrow-emit { fill: var(--af-emit); }
.af-arrow-failure { fill: var(--af-failure); }
.af-edge-label rect { fill: var(--af-background); stroke: var(--af-node-border); stroke-width: 0.75; }
.af-edge-label text { fill: var(--af-foreground); font-size: 11px; }
.af-legend text { fill: var(--af-muted); font-size: 11px; }
.af-stale { fill: var(--af-warning); font-size: 12px; font-weight: 600; }
.af-notice { fill: var(--af-warning); font-size: 12px; }
.af-empty { fill: var(--af-muted); font-size: 13px; }
.af-proxy { cursor: pointer; }
.af-proxy-box { fill: var(--af-node-background); stroke: var(--af-emit); stroke-width: 1.25; stroke-dasharray: 4 3; }
.af-proxy-label { fill: var(--af-emit); font-size: 12px; font-weight: 600; }
.af-proxy.af-selected .af-proxy-box { stroke: var(--af-focus); stroke-width: 2.5; stroke-dasharray: none; }
.af-flow-header { cursor: pointer; }
.af-flow-header rect { fill: var(--af-foreground); fill-opacity: 0; }
.af-flow-header:hover rect { fill-opacity: 0.06; }
.af-flow-title { fill: var(--af-muted); font-size: 12px; font-weight: 600; }
.af-flow-rule { stroke: var(--af-node-border); stroke-width: 1; stroke-dasharray: 2 3; }
.af-flow[data-collapsed="true"] .af-flow-title { fill: var(--af-foreground); }
`;
}
