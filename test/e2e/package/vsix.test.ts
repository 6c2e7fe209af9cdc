import * as assert from 'node:assert/strict';
import { readFileSync, statSync } from 'node:fs';
import { inflateRawSync } from 'node:zlib';

/** One file of a zip archive, read from its central directory. */
interface ZipEntry { readonly name: string; readonly size: number; read(): Buffer }

/** Lists a zip archive (enough of the format for a .vsix: stored or deflated entries). */
function readZip(file: string): ZipEntry[] {
  const zip = readFileSync(file);
  let eocd = zip.length - 22;
  while (eocd >= 0 && zip.readUInt32LE(eocd) !== 0x06054b50) eocd--;
  assert.ok(eocd >= 0, `${file} is not a zip archive`);
  const count = zip.readUInt16LE(eocd + 10);
  let at = zip.readUInt32LE(eocd + 16);
  const entries: ZipEntry[] = [];
  for (let i = 0; i < count; i++) {
    assert.equal(zip.readUInt32LE(at), 0x02014b50, 'central directory entry');
    const method = zip.readUInt16LE(at + 10);
    const compressed = zip.readUInt32LE(at + 20);
    const size = zip.readUInt32LE(at + 24);
    const nameLength = zip.readUInt16LE(at + 28);
    const extra = zip.readUInt16LE(at + 30);
    const comment = zip.readUInt16LE(at + 32);
    const local = zip.readUInt32LE(at + 42);
    const name = zip.toString('utf8', at + 46, at + 46 + nameLength);
    entries.push({
      name, size,
      read() {
        const start = local + 30 + zip.readUInt16LE(local + 26) + zip.readUInt16LE(local + 28);
        const data = zip.subarray(start, start + compressed);
        return method === 0 ? Buffer.from(data) : inflateRawSync(data);
      },
    });
    at += 46 + nameLength + extra + comment;
  }
  return entries;
}

const MAX_BYTES = 5 * 1024 * 1024;

/** The parts of the packaged package.json these checks read. */
interface Manifest {
  main: string;
  icon: string;
  license: string;
  categories: string[];
  keywords: string[];
  activationEvents: string[];
  repository: { url: string };
  bin: Record<string, string>;
  contributes: {
    languages: { configuration: string; icon?: { light: string; dark: string } }[];
    grammars: { path: string }[];
    yamlValidation: { url: string }[];
    walkthroughs: { steps: { media: { markdown?: string; image?: string } }[] }[];
  };
}

/** What may be in the package: only what runs, what the Marketplace shows, and vsce's own files. */
const ALLOWED = [
  /^extension\.vsixmanifest$/, /^\[Content_Types\]\.xml$/,
  /^extension\/package\.json$/, /^extension\/readme\.md$/, /^extension\/changelog\.md$/, /^extension\/LICENSE\.txt$/,
  /^extension\/client\/out\/extension\.js$/,
  /^extension\/client\/language-configuration\.json$/,
  /^extension\/client\/syntaxes\/[\w.-]+\.json$/,
  /^extension\/client\/media\/icon\.png$/, /^extension\/client\/media\/file-icon\.svg$/, /^extension\/client\/media\/scenario-icon\.svg$/,
  /^extension\/client\/media\/walkthrough\/[\w.-]+\.(md|png|svg)$/,
  /^extension\/server\/out\/[\w.-]+\.js$/,
  /^extension\/webview\/index\.html$/,
  /^extension\/webview\/out\/[\w./-]+\.(js|css|html|ttf|woff2?)$/,
  /^extension\/schemas\/[\w.-]+\.json$/,
];

describe('the packaged extension (.vsix)', () => {
  const vsix = process.env.ARCHFLOW_E2E_VSIX ?? '';
  let entries: ZipEntry[] = [];
  let manifest = {} as Manifest;
  const file = (path: string): ZipEntry | undefined => entries.find((e) => e.name === `extension/${path.replace(/^\.\//, '')}`);

  before(() => {
    entries = readZip(vsix);
    manifest = JSON.parse(file('package.json')!.read().toString('utf8'));
  });

  it(`is at most 5 MB`, () => {
    const size = statSync(vsix).size;
    assert.ok(size <= MAX_BYTES, `${vsix} is ${(size / 1024 / 1024).toFixed(2)} MB`);
  });

  it('holds only what runs: the bundles, schemas, grammar, icon, walkthrough, README, CHANGELOG, LICENSE', () => {
    assert.deepEqual(entries.map((e) => e.name).filter((n) => !ALLOWED.some((p) => p.test(n))), []);
    for (const needed of ['package.json', 'readme.md', 'changelog.md', 'LICENSE.txt', 'client/out/extension.js', 'server/out/server.js', 'server/out/cli.js', 'webview/index.html', 'webview/out/main.js', 'schemas/archflow.schema.json']) {
      assert.ok(file(needed), `${needed} is packaged`);
    }
    assert.ok(!entries.some((e) => /node_modules|\.map$|\.ts$/.test(e.name)), 'no node_modules, source maps or sources');
  });

  it('every file the manifest names is in the package', () => {
    const c = manifest.contributes;
    const named: string[] = [
      manifest.main, manifest.icon, ...Object.values(manifest.bin),
      ...c.languages.flatMap((l) => [l.configuration, ...(l.icon ? [l.icon.light, l.icon.dark] : [])]),
      ...c.grammars.map((g) => g.path),
      ...c.yamlValidation.map((y) => y.url),
      ...c.walkthroughs.flatMap((w) => w.steps.map((s) => s.media.markdown ?? s.media.image ?? '(no media)')),
    ];
    assert.deepEqual(named.filter((n) => !file(n)), []);
  });

  it('gives architecture and scenario files icons of their own (16×16 SVG, light and dark, one per language)', () => {
    const icons = manifest.contributes.languages.map((l) => l.icon);
    assert.equal(icons.length, 2);
    for (const [i, icon] of icons.entries()) {
      assert.ok(icon, `contributes.languages[${i}].icon`);
      for (const path of [icon.light, icon.dark]) {
        const svg = file(path)?.read().toString('utf8') ?? '';
        assert.match(svg, /^<svg [^>]*viewBox="0 0 16 16"/, `${path} is a 16×16 SVG`);
      }
    }
    assert.notEqual(icons[0]!.light, icons[1]!.light, 'a scenario file does not look like an architecture file');
  });

  it('is a production build: minified, no source maps', () => {
    for (const bundle of ['client/out/extension.js', 'server/out/server.js']) {
      const text = file(bundle)!.read().toString('utf8');
      assert.ok(!text.includes('sourceMappingURL'), `${bundle} links a source map`);
      const lines = text.split('\n').length;
      assert.ok(text.length / lines > 500, `${bundle} is not minified (${lines} lines)`);
    }
  });

  it('describes itself for the Marketplace: icon 128×128, categories, keywords, repository, MIT licence', () => {
    const png = file(manifest.icon)!.read();
    assert.equal(png.toString('latin1', 1, 4), 'PNG');
    assert.deepEqual([png.readUInt32BE(16), png.readUInt32BE(20)], [128, 128]);
    assert.ok(manifest.categories.length > 0 && manifest.keywords.length > 0);
    assert.match(manifest.repository.url, /^https:\/\//);
    assert.equal(manifest.license, 'MIT');
    assert.match(file('LICENSE.txt')!.read().toString('utf8'), /^MIT License/);
  });

  it('activates only on the archflow languages (architectures, scenarios; and its own commands and diagram panels)', () => {
    assert.ok(manifest.activationEvents.includes('onLanguage:archflow'));
    assert.deepEqual(manifest.activationEvents.filter((e) => !/^(onLanguage:archflow(-scenario)?|onWebviewPanel:archflow\.[\w.]+)$/.test(e)), []);
  });
});
