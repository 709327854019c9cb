// `npm run bench`: runs every benchmark against the built service and writes docs/benchmarks.md.
// Not part of the test suite: timings are reported, never asserted in tests.
import { readFileSync, writeFileSync } from 'node:fs';
import { benchApplications } from './applications.bench.js';
import { benchLetters } from './letters.bench.js';
import { benchQueue } from './queue.bench.js';
import { benchReconciliation } from './reconciliation.bench.js';
import { benchReports } from './reports.bench.js';
import { machine } from './lib.js';

const BENCHES = { applications: benchApplications, queue: benchQueue, letters: benchLetters, reconciliation: benchReconciliation, reports: benchReports };
const only = process.argv.slice(2);

const sections = [];
for (const [name, run] of Object.entries(BENCHES)) {
  if (only.length && !only.includes(name)) continue;
  console.log(`== ${name}`);
  const result = await run();
  const lines = [
    `## ${result.title}`,
    '',
    `Measured ${new Date().toISOString().slice(0, 16).replace('T', ' ')} UTC on ${machine()}. ${result.note}`,
    '',
    `| ${(result.columns ?? ['what', 'per second', 'p50 ms', 'p99 ms', 'errors']).join(' | ')} |`,
    `|---|${(result.columns ?? [0, 0, 0, 0, 0]).slice(1).map(() => '---:').join('|')}|`,
    ...result.rows.map((r) => `| ${r.join(' | ')} |`),
    '',
    ...result.verdicts.map(([text, ok]) => `- ${ok ? 'met' : 'NOT met'}: ${text}`),
    '',
  ];
  console.log(lines.join('\n'));
  sections.push({ name, text: lines.join('\n') });
}

const file = 'docs/benchmarks.md';
let doc;
try {
  doc = readFileSync(file, 'utf8');
} catch {
  doc = '# Benchmarks\n\nWritten by `npm run bench` (see `bench/`). Figures are ratios against a baseline measured in the same run on the same machine; absolute numbers move with the machine.\n';
}
for (const { name, text } of sections) {
  const start = `<!-- bench:${name} -->`;
  const end = `<!-- /bench:${name} -->`;
  const block = `${start}\n${text}${end}`;
  doc = doc.includes(start) ? doc.replace(new RegExp(`${start}[\\s\\S]*?${end}`), block) : `${doc.trimEnd()}\n\n${block}\n`;
}
writeFileSync(file, doc);
console.log(`wrote ${file}`);
