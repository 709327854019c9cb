// `npm run bench`: runs every benchmark against the built service and writes docs/benchmarks.md.
// Not part of the test suite: timings are reported, never asserted in tests.
import { benchApplications } from './applications.bench.js';
import { benchApprovals } from './approvals.bench.js';
import { benchDetails } from './details.bench.js';
import { benchLetters } from './letters.bench.js';
import { benchLogin } from './login.bench.js';
import { benchProgram } from './program.bench.js';
import { benchQueue } from './queue.bench.js';
import { benchReconciliation } from './reconciliation.bench.js';
import { benchReports } from './reports.bench.js';
import { benchWeb } from './web.bench.js';
import { benchBlockText, writeBenchBlock } from './lib.js';

const BENCHES = {
  applications: benchApplications,
  approvals: benchApprovals,
  program: benchProgram,
  details: benchDetails,
  queue: benchQueue,
  letters: benchLetters,
  login: benchLogin,
  reconciliation: benchReconciliation,
  reports: benchReports,
  web: benchWeb,
};
const only = process.argv.slice(2);

const sections = [];
for (const [name, run] of Object.entries(BENCHES)) {
  if (only.length && !only.includes(name)) continue;
  console.log(`== ${name}`);
  const result = await run();
  const text = benchBlockText(result);
  console.log(text);
  sections.push({ name, text });
}

for (const { name, text } of sections) writeBenchBlock(name, text);
console.log('wrote docs/benchmarks.md');
