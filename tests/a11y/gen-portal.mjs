#!/usr/bin/env node
// Writes a portal with N systems for the accessibility gate: the example's
// content/ copied, plus copies of its systems under new ids (`<id>-2`, ...)
// until there are N. Used until `glassbox bench-gen` is available on main.
//
//   node gen-portal.mjs CONTENT_DIR N OUT_DIR
import fs from 'node:fs';
import path from 'node:path';

const [from, nArg, out] = process.argv.slice(2);
const n = Number(nArg);
if (!from || !out || !Number.isInteger(n) || n < 1) {
  console.error('usage: node gen-portal.mjs CONTENT_DIR N OUT_DIR');
  process.exit(2);
}
fs.rmSync(out, { recursive: true, force: true });
fs.cpSync(from, path.join(out, 'content'), { recursive: true });
const dir = path.join(out, 'content', 'systems');
const originals = fs.readdirSync(dir).filter((f) => f.endsWith('.md')).sort();
let count = originals.length;
for (let copy = 2; count < n; copy++) {
  for (const file of originals) {
    if (count >= n) break;
    const text = fs.readFileSync(path.join(dir, file), 'utf8');
    // The name is the first `name:` line of the front matter; keep names unique
    // so that link texts stay distinct.
    const renamed = text.replace(/^name: (.*)$/m, (_, name) => `name: ${name} (number ${copy})`);
    if (renamed === text) throw new Error(`${file}: no name: line`);
    fs.writeFileSync(path.join(dir, `${file.slice(0, -3)}-${copy}.md`), renamed);
    count++;
  }
}
console.log(`gen-portal: ${count} systems in ${out}`);
