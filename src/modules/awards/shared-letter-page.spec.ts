import { describe, expect, it } from '@jest/globals';
import type { SharedLetterResponse } from './dto/share-link.dto.js';
import { sharedLetterPage } from './shared-letter-page.js';

const shared: SharedLetterResponse = {
  status: 'current',
  awardNumber: 'AWD-KZ-2026-00042',
  version: 2,
  amendedSinceShared: true,
  language: 'ru',
  date: '2026-11-28',
  amount: '45000.00',
  currency: 'KZT',
  organisation: 'NGO <script>alert(1)</script>',
  sha256: 'ab'.repeat(32),
  expiresAt: '2026-12-31T09:05:00.000Z',
  letterUrl: '/api/v1/shared/tok"en/letter.pdf',
};

describe('sharedLetterPage', () => {
  it('shows what the letter states, until when the link works and where the PDF is, escaped and without script', () => {
    const page = sharedLetterPage(shared);
    expect(page).not.toMatch(/<script/i);
    expect(page).toContain('NGO &#60;script&#62;');
    expect(page).toContain('href="/api/v1/shared/tok&#34;en/letter.pdf"');
    expect(page).toContain('2026-12-31 09:05 UTC');
    expect(page).toContain('45000.00 KZT');
    expect(page).toContain('this is its current version 2');
    expect(sharedLetterPage({ ...shared, amendedSinceShared: false })).not.toContain('amended');
  });

  it('offers no download while the letter is prepared, and one page for every link that does not work', () => {
    const pending = sharedLetterPage({ ...shared, status: 'pending', sha256: null });
    expect(pending).toContain('being prepared');
    expect(pending).not.toContain('letter.pdf');
    expect(pending).not.toContain('SHA-256</td>');
    const gone = sharedLetterPage(null);
    expect(gone).toContain('expired or was withdrawn, or it does not exist');
    expect(gone).not.toContain('<table>');
  });
});
