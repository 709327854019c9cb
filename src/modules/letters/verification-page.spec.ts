import { describe, expect, it } from '@jest/globals';
import { verificationPage } from './verification-page.js';

const result = {
  valid: false,
  status: 'superseded' as const,
  awardNumber: 'AWD-KZ-2026-00042',
  version: 1,
  currentVersion: 2,
  language: 'ru',
  date: '2026-11-28',
  issuedAt: '2026-12-01T09:30:00.000Z',
  amount: '45000.00',
  currency: 'KZT',
  organisation: 'NGO <script>alert(1)</script> & "Partners"',
  sha256: 'ab'.repeat(32),
};

describe('verificationPage', () => {
  it('escapes what the letter says and adds no script', () => {
    const page = verificationPage(result);
    expect(page).toContain('NGO &#60;script&#62;alert(1)&#60;/script&#62; &#38; &#34;Partners&#34;');
    expect(page).not.toMatch(/<script/i);
  });

  it('shows the date printed on the letter, not when its file was made', () => {
    const page = verificationPage(result);
    expect(page).toContain('2026-11-28');
    expect(page).not.toContain('2026-12-01');
  });

  it('says when a letter was replaced, and when no letter has the code', () => {
    expect(verificationPage(result)).toContain('replaced by version 2');
    expect(verificationPage({ ...result, valid: true, status: 'current', currentVersion: 1 })).toContain('Genuine and current');
    expect(verificationPage(null)).toContain('No letter has this code');
  });
});
