import { describe, expect, it } from '@jest/globals';
import { pdfPages, pdfText } from '../../../../test/helpers/pdf-text.js';
import type { LetterContent } from '../domain/letter-content.js';
import { LetterTemplates } from './letter-templates.js';
import { PdfLetterRenderer } from './pdf-letter-renderer.js';

const CODE = '7K3QF9M2XW4TB8RZ1HJ6NP0DVGCY5SAE';

function content(overrides: Partial<LetterContent> = {}): LetterContent {
  return {
    awardNumber: 'AWD-KZ-2026-00042',
    version: 1,
    issuedOn: '2026-12-01T09:30:00.000Z',
    fund: { name: 'EF Kazakhstan 2026', country: 'KZ' },
    organisation: { name: 'Sana Sezim — Қорғау орталығы', address: 'Tauke Khan Avenue 5, Shymkent' },
    beneficiaryCode: 'BEN-KZ-7K3QF',
    applicationReference: 'EF-KZ-2026-000123',
    currency: 'KZT',
    amount: '190000.00',
    items: [
      { type: 'documents', description: 'Ҳуҷҷатҳои шахсӣ (Tajik: ӣ ӯ ҳ ҷ)', amount: '45000.00' },
      { type: 'medical', description: 'Ўғил учун дори — Oʻgʻil uchun dori (Uzbek: ў ғ қ ҳ, oʻ gʻ)', amount: '60000.00' },
      { type: 'business_startup', description: 'Нан бышыруучу мештин бөлүктөрү (Kyrgyz: ө ү ң)', amount: '85000.00' },
    ],
    conditions: 'Receipts within 30 days of each payment.',
    approvers: [
      { name: 'Aliya Bekova', at: '2026-12-01T09:12:00.000Z' },
      { name: 'Dmitry Sokolov', at: '2026-12-01T09:30:00.000Z' },
    ],
    amendment: null,
    verificationCode: CODE,
    verificationUrl: `https://ef.example.org/api/v1/letters/verify/${CODE}`,
    ...overrides,
  };
}

describe('PdfLetterRenderer', () => {
  const renderer = new PdfLetterRenderer();
  const templates = new LetterTemplates();

  it('writes a typical Russian letter on one page with number, amounts, currency, code and the Cyrillic of every program language', async () => {
    const pages = await pdfPages(await renderer.render(content(), templates.get('ru')));
    expect(pages).toHaveLength(1);
    const text = pages[0];
    for (const expected of [
      'Письмо о предоставлении помощи',
      'AWD-KZ-2026-00042',
      '1 декабря 2026 г.',
      'BEN-KZ-7K3QF',
      'EF-KZ-2026-000123',
      '45 000,00',
      '190 000,00 KZT',
      'Сумма, KZT',
      'Қорғау орталығы', // Kazakh
      'Ҳуҷҷатҳои шахсӣ', // Tajik
      'Ўғил учун дори', // Uzbek Cyrillic
      'Oʻgʻil uchun dori', // Uzbek Latin
      'мештин бөлүктөрү', // Kyrgyz
      'Aliya Bekova — одобрено 01.12.2026, 09:12 UTC',
      '7K3Q-F9M2-XW4T-B8RZ-1HJ6-NP0D-VGCY-5SAE',
      `https://ef.example.org/api/v1/letters/verify/${CODE}`,
      'через 3 и 6 месяцев',
      'Верните неизрасходованные средства',
      'стр. 1 из 1',
    ]) {
      expect([expected, text.includes(expected)]).toEqual([expected, true]);
    }
  });

  it('writes the English template with its own number format', async () => {
    const text = await pdfText(await renderer.render(content(), templates.get('en')));
    for (const expected of [
      'Award letter',
      '1 December 2026',
      '45,000.00',
      '190,000.00 KZT',
      'Total awarded',
      'Return unspent funds',
      'page 1 of 1',
    ]) {
      expect([expected, text.includes(expected)]).toEqual([expected, true]);
    }
  });

  it('holds its layout for a long NGO name, 20 items over several pages (header repeated) and the largest amounts', async () => {
    const items = Array.from({ length: 20 }, (_, i) => ({
      type: 'vocational_training',
      description: `Item ${i + 1}: welding course with tools, protective clothing and a certificate exam for the trainee (module ${i + 1} of 20)`,
      amount: '49999999999999999.99',
    }));
    const name = `Общественное объединение «${'Болашақ '.repeat(12).trim()}» центр поддержки женщин, детей и мигрантов Туркестанской области Республики Казахстан`;
    const pages = await pdfPages(
      await renderer.render(
        content({ items, amount: '999999999999999999.80', organisation: { name, address: null } }),
        templates.get('en'),
      ),
    );
    expect(pages.length).toBeGreaterThanOrEqual(2);
    const all = pages.join(' ');
    for (const i of [1, 10, 20]) expect(all).toContain(`Item ${i}: welding course`);
    expect(all).toContain('49,999,999,999,999,999.99');
    expect(all).toContain('999,999,999,999,999,999.80 KZT'); // on one line, never wrapped
    for (const word of name.split(' ')) expect(all).toContain(word);
    // every page that carries items starts them under the table header
    const withItems = pages.filter((p) => /Item \d+: welding/.test(p));
    expect(withItems.length).toBeGreaterThanOrEqual(2);
    for (const page of withItems) expect(page).toContain('Type of assistance Description Amount, KZT');
    pages.forEach((page, i) => expect(page).toContain(`page ${i + 1} of ${pages.length}`));
  });

  it('says on an amended letter which version it replaces and why', async () => {
    const text = await pdfText(
      await renderer.render(
        content({ version: 2, amendment: { previousVersion: 1, reason: 'The clinic lowered its estimate.' } }),
        templates.get('en'),
      ),
    );
    expect(text).toContain('This is version 2 of the letter. It replaces version 1');
    expect(text).toContain('The clinic lowered its estimate.');
    expect(text).toContain('version 2 · page 1 of 1');
  });

  it('gives the same bytes for the same content (dates and document id come from the letter)', async () => {
    const a = await renderer.render(content(), templates.get('ru'));
    const b = await renderer.render(content(), templates.get('ru'));
    expect(a.equals(b)).toBe(true);
    expect(a.subarray(0, 5).toString('latin1')).toBe('%PDF-');
  });
});
