// Award letters per second in one process: the service's renderer (template, layout, table, QR code,
// SHA-256) next to bare pdfkit writing the same words with the same font in the same run.
import { createHash } from 'node:crypto';
import * as fontkit from 'fontkit';
import PDFDocument from 'pdfkit';
import { fill } from '../dist/src/modules/letters/domain/letter-template.js';
import { displayCode, letterDate, letterDateTime, letterMoney } from '../dist/src/modules/letters/domain/letter-content.js';
import { fontFile, letterFonts } from '../dist/src/modules/letters/render/fonts.js';
import { loadTemplates } from '../dist/src/modules/letters/render/letter-templates.js';
import { PdfLetterRenderer } from '../dist/src/modules/letters/render/pdf-letter-renderer.js';
import { randomBytes } from 'node:crypto';
import { newVerificationCode } from '../dist/src/modules/letters/domain/verification-code.js';
import { fmt, login, request, startService, summarise } from './lib.js';

const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 3);
const LETTERS = Number(process.env.BENCH_LETTERS ?? 300);

/** A typical one-page letter: three items, conditions, two approvers; the number and code change per letter. */
export function sampleContent(i, overrides = {}) {
  const code = createHash('sha256')
    .update(String(i))
    .digest('hex')
    .toUpperCase()
    .replace(/[ILOU]/g, '7')
    .slice(0, 32);
  return {
    awardNumber: `AWD-KZ-2026-${String(i % 100000).padStart(5, '0')}`,
    version: 1,
    issuedOn: '2026-12-01T09:30:00.000Z',
    fund: { name: 'EF Kazakhstan 2026', country: 'KZ' },
    organisation: { name: 'Sana Sezim — Қорғау орталығы', address: 'Tauke Khan Avenue 5, Shymkent 160000, Kazakhstan' },
    beneficiaryCode: 'BEN-KZ-7K3QF',
    applicationReference: `EF-KZ-2026-${String(i % 1000000).padStart(6, '0')}`,
    currency: 'KZT',
    amount: '190000.00',
    items: [
      { type: 'documents', description: 'Passport restoration fees and notarised translations', amount: '45000.00' },
      { type: 'medical', description: 'Clinic consultation and medicines (cost estimate attached)', amount: '60000.00' },
      { type: 'business_startup', description: 'Oven and materials for a home bakery', amount: '85000.00' },
    ],
    conditions: 'Receipts within 30 days of each payment.',
    approvers: [
      { name: 'Aliya Bekova', at: '2026-12-01T09:12:00.000Z' },
      { name: 'Dmitry Sokolov', at: '2026-12-01T09:30:00.000Z' },
    ],
    amendment: null,
    verificationCode: code,
    verificationUrl: `http://localhost:3000/api/v1/letters/verify/${code}`,
    ...overrides,
  };
}

/** Every string the letter shows, in order: what the baseline writes. */
function letterWords(c, template) {
  const t = template.text;
  const money = (a) => letterMoney(a, template);
  return [
    t.issuer,
    t.issuerLine,
    `${c.fund.name} · ${template.countries[c.fund.country]}`,
    t.title,
    t.awardNumber,
    c.awardNumber,
    t.version,
    String(c.version),
    t.date,
    letterDate(c.issuedOn, template.locale),
    t.fund,
    c.fund.name,
    t.application,
    c.applicationReference,
    t.beneficiary,
    c.beneficiaryCode,
    t.to,
    c.organisation.name,
    c.organisation.address,
    fill(t.intro, {
      fund: c.fund.name,
      organisation: c.organisation.name,
      beneficiaryCode: c.beneficiaryCode,
      applicationReference: c.applicationReference,
    }),
    t.itemsTitle,
    t.itemNumber,
    t.itemType,
    t.itemDescription,
    fill(t.itemAmount, { currency: c.currency }),
    ...c.items.flatMap((it, n) => [String(n + 1), template.types[it.type], it.description, money(it.amount)]),
    t.total,
    `${money(c.amount)} ${c.currency}`,
    t.conditionsTitle,
    c.conditions,
    t.disbursementTitle,
    fill(t.disbursement, { amount: money(c.amount), currency: c.currency, organisation: c.organisation.name }),
    t.obligationsTitle,
    t.obligation1,
    t.obligation2,
    t.obligation3,
    t.obligation4,
    t.approvalsTitle,
    ...c.approvers.map((a) => `${a.name} — ${fill(t.approvedAt, { dateTime: letterDateTime(a.at, template.locale) })}`),
    t.verificationTitle,
    t.verification,
    displayCode(c.verificationCode),
    c.verificationUrl,
    fill(t.footer, { awardNumber: c.awardNumber, version: c.version, page: 1, pages: 1 }),
  ];
}

function barePdf(words, fonts) {
  const doc = new PDFDocument({
    size: 'A4',
    margins: { top: 50, bottom: 60, left: 56, right: 56 },
    font: null,
    info: { CreationDate: new Date('2026-12-01T09:30:00Z') },
  });
  doc.registerFont('regular', fonts.regular);
  doc.registerFont('bold', fonts.bold);
  const chunks = [];
  doc.on('data', (c) => chunks.push(c));
  const done = new Promise((resolve) => doc.on('end', () => resolve(Buffer.concat(chunks))));
  doc.font('regular').fontSize(9.5);
  words.forEach((w, i) => doc.font(i % 7 === 0 ? 'bold' : 'regular').text(w, { width: 483 }));
  doc.end();
  return done;
}

/**
 * GET /letters/verify/:code against the running service (full demo: one issued letter): a known
 * code, unknown well-formed codes and malformed ones, interleaved, one request at a time.
 */
async function benchVerification() {
  const SAMPLES = Number(process.env.BENCH_VERIFY_SAMPLES ?? 1000);
  const service = await startService({ DEMO_SEED: 'full' });
  try {
    const token = await login(service.base, 'ngo.kz@example.org');
    const known = (await request(service.base, 'GET', '/awards', undefined, token)).body.items[0].letter.verificationCode;
    const kinds = { known: () => known, unknown: () => newVerificationCode(), malformed: () => randomBytes(12).toString('hex') };
    const times = { known: [], unknown: [], malformed: [] };
    const statuses = { known: 200, unknown: 404, malformed: 400 };
    let errors = 0;
    for (let i = 0; i < SAMPLES + 100; i++) {
      for (const [kind, code] of Object.entries(kinds)) {
        const t0 = performance.now();
        const res = await request(service.base, 'GET', `/letters/verify/${code()}`);
        if (i >= 100) times[kind].push(performance.now() - t0); // after a warm-up
        if (res.status !== statuses[kind]) errors++;
      }
    }
    const s = Object.fromEntries(Object.entries(times).map(([k, v]) => [k, summarise(v)]));
    const gap = Math.abs(s.known.p50 - s.unknown.p50);
    return {
      rows: [
        [`GET /letters/verify, known code (p50 / p99 ms), ${SAMPLES} requests`, '', `${fmt(s.known.p50, 2)} / ${fmt(s.known.p99, 2)}`],
        ['GET /letters/verify, unknown well-formed code → 404', '', `${fmt(s.unknown.p50, 2)} / ${fmt(s.unknown.p99, 2)}`],
        ['GET /letters/verify, malformed code → 400', '', `${fmt(s.malformed.p50, 2)} / ${fmt(s.malformed.p99, 2)}`],
      ],
      verdict: [
        `known and unknown codes differ by ${fmt(gap, 2)} ms at p50 (the known one also reads its award); ${errors} unexpected statuses; a code is 160 random bits, looked up by its hash`,
        errors === 0,
      ],
    };
  } finally {
    await service.stop();
  }
}

async function timed(n, one) {
  const start = process.hrtime.bigint();
  for (let i = 0; i < n; i++) await one(i);
  return Number(process.hrtime.bigint() - start) / 1e9;
}

export async function benchLetters() {
  const templates = loadTemplates();
  const template = templates.get('ru');
  const renderer = new PdfLetterRenderer();
  const sha = (b) => createHash('sha256').update(b).digest('hex');
  const parsed = letterFonts();
  const fileBytes = { regular: fontFile('DejaVuSans.ttf'), bold: fontFile('DejaVuSans-Bold.ttf') };
  const plain = { regular: fontkit.create(fileBytes.regular), bold: fontkit.create(fileBytes.bold) };
  const pages = (await renderer.render(sampleContent(0), template)).toString('latin1').match(/\/Type \/Page\b/g).length;
  const kinds = {
    ours: (i) => renderer.render(sampleContent(i), template).then(sha),
    bareParsed: (i) => barePdf(letterWords(sampleContent(i), template), parsed).then(sha),
    barePlain: (i) => barePdf(letterWords(sampleContent(i), template), plain).then(sha),
    bareBytes: (i) => barePdf(letterWords(sampleContent(i), template), fileBytes).then(sha),
  };
  for (const one of Object.values(kinds)) await timed(50, one); // warm-up: JIT, font caches
  const seconds = { ours: 0, bareParsed: 0, barePlain: 0, bareBytes: 0 };
  for (let r = 0; r < ROUNDS; r++) for (const [name, one] of Object.entries(kinds)) seconds[name] += await timed(LETTERS, one);
  const total = ROUNDS * LETTERS;
  const rate = Object.fromEntries(Object.entries(seconds).map(([k, s]) => [k, total / s]));
  const ms = Object.fromEntries(Object.entries(seconds).map(([k, s]) => [k, (s * 1000) / total]));
  const ratio = ms.ours / ms.bareParsed;
  const verify = await benchVerification();
  return {
    title: 'Award letters: PDF rendering in one process (issue 5)',
    note: `A typical letter in Russian (${pages} page, three items, two approvers, QR code), ${total} letters per row in ${ROUNDS} alternating rounds after a warm-up of 50; every letter has its own number and code. One process; storing the bytes in PostgreSQL is not included.`,
    rows: [
      ['baseline: bare pdfkit, the same words, the same parsed fonts', fmt(rate.bareParsed), fmt(ms.bareParsed, 2)],
      ['bare pdfkit, the same words, fonts parsed once by fontkit, nothing else kept', fmt(rate.barePlain), fmt(ms.barePlain, 2)],
      ['bare pdfkit, the same words, font file bytes in memory (parsed per letter)', fmt(rate.bareBytes), fmt(ms.bareBytes, 2)],
      ['award letter (template, layout, table, QR code, SHA-256)', fmt(rate.ours), fmt(ms.ours, 2)],
      ...verify.rows,
    ],
    columns: ['what', 'letters per second', 'ms (letters: mean per letter; verification: p50 / p99)'],
    verdicts: [
      [`${fmt(rate.ours)} letters/s (target ≥ 100)`, rate.ours >= 100],
      [`${fmt(ratio, 2)}× the time of bare pdfkit with the same parsed fonts (target ≤ 2×)`, ratio <= 2],
      verify.verdict,
    ],
  };
}

if (import.meta.url === `file://${process.argv[1]}`) console.log(await benchLetters());
