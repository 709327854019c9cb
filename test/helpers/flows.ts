import { expect } from '@jest/globals';
import { api } from './http.js';
import type { TestApp } from './test-app.js';
import { LettersService } from '../../src/modules/letters/letters.service.js';

export interface ApprovedAward {
  id: string;
  number: string;
  fundId: string;
  organisationId: string;
  applicationId: string;
  amount: string;
  currency: string;
  version: number;
  items: { itemId: string }[];
}

let people = 0;

/**
 * A new person registered by the country's first NGO, a request of 45000.00 + 12000.50 in the
 * fund's currency, submitted, claimed and approved by the country's officers: its award.
 */
export async function approvedAward(t: TestApp, country: 'kz' | 'kg' = 'kz'): Promise<{ award: ApprovedAward; name: string; doc: string }> {
  const n = ++people;
  const [ngo, officer] = (await Promise.all([t.login(`ngo.${country}@example.org`), t.login(`officer.${country}@example.org`)])).map(
    (token) => api(t).as(token),
  );
  // digits do not count in the duplicate-person key: the number goes in as letters, so every person is new
  const name = `Гульнара Сапарова Flow${[...String(n)].map((c) => 'abcdefghij'[Number(c)]).join('')}`;
  const doc = `F${String(9_000_000 + n)}`;
  const b = await ngo.post('/beneficiaries', {
    category: 'VM',
    sex: 'female',
    birthYear: 1988,
    nationality: 'UZ',
    fullName: name,
    dateOfBirth: `1988-03-${String((n % 27) + 1).padStart(2, '0')}`,
    documentNumber: doc,
    consent: { givenAt: '2026-11-01', method: 'written' },
  });
  expect(b.status).toBe(201);
  const d = await ngo.post('/applications', {
    beneficiaryId: b.body.id,
    urgency: 'standard',
    stateSupport: { requested: true, outcome: 'refused' },
    items: [
      { type: 'medical', description: `Surgery for ${name}`, amount: '45000.00' },
      { type: 'social', description: 'Food kit', amount: '12000.50' },
    ],
  });
  expect(d.status).toBe(201);
  await ngo.post(`/applications/${d.body.id}/submit`).expect(200);
  await officer.post(`/applications/${d.body.id}/claim`).expect(200);
  const decided = await officer.post(`/applications/${d.body.id}/decisions`, { decision: 'approve' });
  expect(decided.status).toBe(200);
  if (decided.body.status === 'pending_second_approval') {
    // above the fund's threshold (in some currencies): the second officer confirms
    const second = await t.login(`officer2.${country}@example.org`);
    expect((await api(t).as(second).post(`/applications/${d.body.id}/decisions`, { decision: 'approve' })).status).toBe(200);
  }
  await lettersRendered(t);
  const finance = await t.login('finance@example.org');
  const list = await api(t).as(finance).get('/awards?limit=100');
  return { award: list.body.items.find((a: { applicationId: string }) => a.applicationId === d.body.id), name, doc };
}

/** Waits until the letters that approvals left to background rendering are rendered. */
export function lettersRendered(t: TestApp): Promise<void> {
  return t.app.get(LettersService).idle();
}
