// The module dependency graph, read from the code: every relative import under src/, grouped by
// unit (a module under src/modules, or a top-level folder of src/), each unit on a floor.
//   node scripts/module-graph.mjs            write docs/modules.md
//   node scripts/module-graph.mjs --check    exit 1 when docs/modules.md is stale
//   node scripts/module-graph.mjs --stats    print the counts only (and each import running up a
//                                            floor, reaching into a repository, and each cycle)
//   node scripts/module-graph.mjs --json     the findings as JSON (the graph test reads them)
// Floors, lowest first: 0 config, common, types; 1 modules; 2 database (entity list, seed, options,
// migrations); 3 the app (app.module, server, openapi); 4 entry points (main.ts, *.cli.ts and the
// CLIs' app, which start everything). An import may point to its own floor or below; one that
// points to a higher floor "runs up a floor". Spec files are left out: tests may reach anywhere.
import { readFileSync, readdirSync, statSync, writeFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import ts from 'typescript';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const src = join(root, 'src');
const out = join(root, 'docs', 'modules.md');

function walk(dir) {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return walk(path);
    return name.endsWith('.ts') && !name.endsWith('.spec.ts') ? [path] : [];
  });
}

export function unitOf(file) {
  const parts = relative(src, file).split('/');
  if (parts[0] === '..') return relative(root, file).split('/')[0];
  if (/(^main|\.cli|cli-app)\.ts$/.test(parts.at(-1))) return 'entry';
  if (parts[0] === 'modules') return `modules/${parts[1]}`;
  if (parts.length === 1) return 'app';
  if (parts[0] === 'common' && parts[1] === 'database') return 'common/database';
  return parts[0];
}

export function floorOf(unit) {
  if (unit === 'config' || unit === 'types' || unit.startsWith('common')) return 0;
  if (unit.startsWith('modules/')) return 1;
  if (unit === 'database' || unit === 'migrations') return 2;
  if (unit === 'app') return 3;
  return 4;
}

export function readGraph() {
  const imports = [];
  for (const file of walk(src)) {
    const info = ts.preProcessFile(readFileSync(file, 'utf8'), true, true);
    for (const ref of info.importedFiles) {
      if (!ref.fileName.startsWith('.')) continue;
      const target = resolve(dirname(file), ref.fileName.replace(/\.js$/, '.ts'));
      imports.push({ from: relative(root, file), to: relative(root, target), fromUnit: unitOf(file), toUnit: unitOf(target) });
    }
  }
  return imports;
}

export function analyse(imports) {
  const across = imports.filter((i) => i.fromUnit !== i.toUnit);
  const up = across.filter((i) => floorOf(i.toUnit) > floorOf(i.fromUnit));
  const edges = new Map();
  for (const i of across) {
    const key = `${i.fromUnit}→${i.toUnit}`;
    edges.set(key, (edges.get(key) ?? 0) + 1);
  }
  const mutual = [];
  for (const key of edges.keys()) {
    const [a, b] = key.split('→');
    if (a < b && edges.has(`${b}→${a}`)) mutual.push([a, b]);
  }
  const repositoryReach = across.filter((i) => i.toUnit.startsWith('modules/') && /\.repository\.ts$/.test(i.to));
  const cycles = stronglyConnected(edges).map((units) => ({ units, path: cycleThrough(units, edges) }));
  return { across, up, edges, mutual, repositoryReach, cycles };
}

/**
 * The strongly connected components of more than one unit (Tarjan): units that all reach one
 * another, so each sits on a cycle. A mutual pair is a component of two.
 */
export function stronglyConnected(edges) {
  const next = new Map();
  for (const key of edges.keys()) {
    const [a, b] = key.split('→');
    if (!next.has(a)) next.set(a, []);
    if (!next.has(b)) next.set(b, []);
    next.get(a).push(b);
  }
  for (const list of next.values()) list.sort();
  const index = new Map();
  const low = new Map();
  const stack = [];
  const onStack = new Set();
  const components = [];
  let counter = 0;
  const visit = (u) => {
    index.set(u, counter);
    low.set(u, counter);
    counter += 1;
    stack.push(u);
    onStack.add(u);
    for (const v of next.get(u)) {
      if (!index.has(v)) {
        visit(v);
        low.set(u, Math.min(low.get(u), low.get(v)));
      } else if (onStack.has(v)) {
        low.set(u, Math.min(low.get(u), index.get(v)));
      }
    }
    if (low.get(u) === index.get(u)) {
      const component = [];
      let v;
      do {
        v = stack.pop();
        onStack.delete(v);
        component.push(v);
      } while (v !== u);
      if (component.length > 1) components.push(component.sort());
    }
  };
  for (const u of [...next.keys()].sort()) if (!index.has(u)) visit(u);
  return components.sort((a, b) => a[0].localeCompare(b[0]));
}

/** One shortest cycle through the first unit of a component, inside the component: [a, b, …, a]. */
function cycleThrough(units, edges) {
  const inside = new Set(units);
  const start = units[0];
  const cameFrom = new Map([[start, null]]);
  const queue = [start];
  while (queue.length) {
    const u = queue.shift();
    for (const key of [...edges.keys()].sort()) {
      const [a, b] = key.split('→');
      if (a !== u || !inside.has(b)) continue;
      if (b === start) {
        const path = [start];
        for (let w = u; w !== null; w = cameFrom.get(w)) path.unshift(w);
        return path;
      }
      if (!cameFrom.has(b)) {
        cameFrom.set(b, u);
        queue.push(b);
      }
    }
  }
  return [];
}

function render(imports) {
  const { across, up, edges, mutual, repositoryReach, cycles } = analyse(imports);
  const units = [...new Set(imports.flatMap((i) => [i.fromUnit, i.toUnit]))].sort((a, b) => floorOf(a) - floorOf(b) || a.localeCompare(b));
  const id = (u) => u.replace(/[^a-z0-9]/gi, '_');
  const lines = [
    '# Module dependency graph',
    '',
    'Generated from the code by `npm run graph` (`scripts/module-graph.mjs`); a test fails when it is stale.',
    'Floors, lowest first: 0 `config`, `common`, `types`; 1 `modules/*`; 2 `database` (entity list, seed,',
    'TypeORM options) and `migrations`; 3 the app (`app.module.ts`, `server.ts`, OpenAPI); 4 `entry` (`main.ts`,',
    'the `*.cli.ts` tools and their app). An arrow points from the importer',
    'to what it imports; arrows should point to the same floor or below. Why each arrow between modules',
    'points the way it does: [`architecture.md`](architecture.md#module-dependencies).',
    '',
    `- imports between units: ${across.length}`,
    `- running up a floor: ${up.length}`,
    `- module pairs importing each other: ${mutual.length}`,
    `- imports of another module's repository: ${repositoryReach.length}`,
    `- cycles (groups of units that reach one another): ${cycles.length}`,
    '',
    '```mermaid',
    'flowchart TD',
  ];
  for (const u of units) lines.push(`  ${id(u)}["${u}"]`);
  for (const key of [...edges.keys()].sort()) {
    const [a, b] = key.split('→');
    {
      if (b.startsWith('common') || b === 'config' || b === 'types') continue;
      lines.push(`  ${id(a)} --> ${id(b)}`);
    }
  }
  lines.push('```', '', '(Arrows into floor 0 are left out of the picture: every module uses `common` and `config`.)', '');
  lines.push('| unit | floor | imports | imported by |', '|---|---|---|---|');
  for (const u of units) {
    const to = [...edges.keys()].filter((k) => k.startsWith(`${u}→`)).map((k) => k.split('→')[1]);
    const by = [...edges.keys()].filter((k) => k.endsWith(`→${u}`)).map((k) => k.split('→')[0]);
    lines.push(`| \`${u}\` | ${floorOf(u)} | ${to.join(', ') || '—'} | ${by.join(', ') || '—'} |`);
  }
  if (up.length) {
    lines.push('', '## Imports that run up a floor', '');
    for (const i of up) lines.push(`- \`${i.from}\` → \`${i.to}\``);
  }
  if (mutual.length) {
    lines.push('', '## Module pairs importing each other', '');
    for (const [a, b] of mutual) lines.push(`- \`${a}\` ↔ \`${b}\``);
  }
  if (cycles.length) {
    lines.push('', '## Cycles', '');
    for (const c of cycles) lines.push(`- ${c.units.map((u) => `\`${u}\``).join(', ')}: ${c.path.join(' → ')}`);
  }
  return lines.join('\n') + '\n';
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const imports = readGraph();
  if (process.argv.includes('--json')) {
    const { up, mutual, repositoryReach, cycles } = analyse(imports);
    const arrow = (i) => `${i.from} -> ${i.to}`;
    console.log(
      JSON.stringify({ up: up.map(arrow), mutual, repositoryReach: repositoryReach.map(arrow), cycles: cycles.map((c) => c.path) }),
    );
  } else if (process.argv.includes('--stats')) {
    const { across, up, mutual, repositoryReach, cycles } = analyse(imports);
    console.log(
      JSON.stringify(
        { across: across.length, up: up.length, mutual, repositoryReach: repositoryReach.length, cycles: cycles.map((c) => c.units) },
        null,
        1,
      ),
    );
    for (const i of up) console.log('UP', i.from, '->', i.to);
    for (const i of repositoryReach) console.log('REPO', i.from, '->', i.to);
    for (const c of cycles) console.log('CYCLE', c.path.join(' -> '), `(component: ${c.units.join(', ')})`);
  } else if (process.argv.includes('--check')) {
    let current = '';
    try {
      current = readFileSync(out, 'utf8');
    } catch {
      /* missing counts as stale */
    }
    if (current !== render(imports)) {
      console.error('docs/modules.md is stale: run `npm run graph`');
      process.exit(1);
    }
  } else {
    writeFileSync(out, render(imports));
  }
}
