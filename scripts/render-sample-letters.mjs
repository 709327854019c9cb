// `npm run letters:samples`: renders sample award letters (each template language, and a long one)
// with the built renderer and turns them into PNG pages in docs/letters/ with pdftoppm (Debian's
// poppler-utils), to look at by eye after a change of layout or template.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readdirSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { sampleContent } from '../bench/letters.bench.js';
import { loadTemplates } from '../dist/src/modules/letters/render/letter-templates.js';
import { PdfLetterRenderer } from '../dist/src/modules/letters/render/pdf-letter-renderer.js';

const out = 'docs/letters';
const work = mkdtempSync(join(tmpdir(), 'ef-letters-'));
const renderer = new PdfLetterRenderer();
const templates = loadTemplates();

const long = sampleContent(7, {
  version: 2,
  organisation: {
    name: 'Общественное объединение «Центр поддержки женщин, детей и мигрантов Туркестанской области — Қорғау және қолдау орталығы»',
    address: 'ул. Тауке хана 5, офис 12, Шымкент 160000, Казахстан',
  },
  items: Array.from({ length: 20 }, (_, i) => ({
    type: ['vocational_training', 'business_startup', 'medical', 'social'][i % 4],
    description: `Item ${i + 1}: welding course with tools, protective clothing and a certificate exam`,
    amount: '49999999999999999.99',
  })),
  amount: '999999999999999999.80',
  amendment: { previousVersion: 1, reason: 'Training extended to twenty modules after the first assessment.' },
});

const samples = [
  ...[...templates.keys()].map((lang) => ({ name: `award-letter-${lang}`, content: sampleContent(42), lang })),
  { name: 'award-letter-long-en', content: long, lang: 'en' },
];
for (const s of samples) {
  const pdf = join(work, `${s.name}.pdf`);
  writeFileSync(pdf, await renderer.render(s.content, templates.get(s.lang)));
  execFileSync('pdftoppm', ['-r', '90', '-png', pdf, join(work, s.name)]);
}
for (const f of readdirSync(out).filter((f) => f.endsWith('.png'))) rmSync(join(out, f));
for (const f of readdirSync(work).filter((f) => f.endsWith('.png'))) {
  // pdftoppm names pages name-1.png (or name-01.png); keep name-p1.png
  renameSync(join(work, f), join(out, f.replace(/-0*(\d+)\.png$/, '-p$1.png')));
}
rmSync(work, { recursive: true, force: true });
console.log(
  `wrote ${readdirSync(out)
    .filter((f) => f.endsWith('.png'))
    .join(', ')} to ${out}/`,
);
