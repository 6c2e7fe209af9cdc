import { spawnSync } from 'node:child_process';

/** One entry of a zip as Python's `zipfile` (an independent reader) sees it. */
export interface ZipInfo {
  readonly name: string;
  /** Unix mode from the external attributes, e.g. 0o100755. */
  readonly mode: number;
  readonly text: string;
}

/** Lists a zip with Python's `zipfile`: names, Unix modes and contents (as UTF-8). Fails loudly without python3. */
export function readZip(bytes: Uint8Array): ZipInfo[] {
  const script = 'import sys,zipfile,io,json\nz=zipfile.ZipFile(io.BytesIO(sys.stdin.buffer.read()))\nprint(json.dumps([[i.filename,i.external_attr>>16,z.read(i).decode("utf-8","replace")] for i in z.infolist()]))';
  const r = spawnSync('python3', ['-c', script], { input: bytes, encoding: 'utf8' });
  if (r.error || r.status !== 0) throw new Error(`python3 could not read the zip: ${r.error?.message ?? r.stderr}`);
  return (JSON.parse(r.stdout) as [string, number, string][]).map(([name, mode, text]) => ({ name, mode, text }));
}
