import { ASSISTANCE_TYPES, type AssistanceType } from '../../../common/domain-codes.js';
import { displayMoney, formatMinor, type Minor, toMinor } from '../../../common/money/money.js';
import type { RuleDefinition, RuleFinding } from './eligibility.types.js';

/**
 * Every eligibility rule of SPEC section 3 as a pure function. Messages are written for an NGO case
 * worker: what the fund needs, what this application has, and what to do. No rule may ever ask for
 * cooperation with police or prosecutors.
 */

const TYPE_LABEL: Record<AssistanceType, string> = {
  legal: 'legal aid',
  documents: 'documents',
  medical: 'medical care',
  psychosocial: 'psychosocial care',
  social: 'food, clothing and hygiene',
  shelter: 'shelter',
  repatriation: 'return travel',
  business_startup: 'business start-up',
  vocational_training: 'vocational training',
  other: 'other assistance',
};

const CATEGORY_LABEL: Record<string, string> = {
  VOT: 'victims of trafficking (VOT)',
  VM: 'vulnerable migrants (VM)',
  OTHER: 'family members and people at risk (OTHER)',
};

const pass = (message: string, values: Record<string, unknown> = {}): RuleFinding => ({ ok: true, message, values });
const problem = (message: string, values: Record<string, unknown> = {}): RuleFinding => ({ ok: false, message, values });

/** Days between two ISO dates (b − a). */
export function daysBetween(a: string, b: string): number {
  return Math.round((Date.parse(`${b}T00:00:00Z`) - Date.parse(`${a}T00:00:00Z`)) / 86_400_000);
}

/** Approvals that count toward the 365-day cap: decided less than 365 days before today. */
export function within365Days(approvals: { amount: Minor; decidedOn: string }[], today: string) {
  return approvals.filter((a) => {
    const age = daysBetween(a.decidedOn, today);
    return age >= 0 && age < 365;
  });
}

/** Where the fund asks for a supporting document before paying an item type. */
const REQUIRED_DOCUMENT_BY_TYPE: Partial<Record<AssistanceType, { kind: string; label: string }>> = {
  medical: { kind: 'cost_estimate', label: 'a cost estimate from the clinic' },
  business_startup: { kind: 'quote', label: 'a supplier quote for the equipment' },
};

export const RULES: RuleDefinition[] = [
  {
    code: 'ORG_ACTIVE',
    severity: 'fail',
    check: ({ organisation }) =>
      organisation.status === 'active'
        ? pass('Your organisation is an active partner.', { status: organisation.status })
        : problem('Your organisation is suspended as a partner of the fund; the program manager can tell you why and how to restore it.', {
            status: organisation.status,
          }),
  },
  {
    code: 'FUND_OPEN',
    severity: 'fail',
    check: ({ fund, today }) => {
      const values = { status: fund.status, periodStart: fund.periodStart, periodEnd: fund.periodEnd, today };
      if (fund.status !== 'open') return problem('This fund is closed and takes no new applications.', values);
      if (today < fund.periodStart) return problem(`This fund opens on ${fund.periodStart}; it takes applications from that day.`, values);
      if (today > fund.periodEnd)
        return problem(`This fund's period ended on ${fund.periodEnd}; apply to the current fund of your country.`, values);
      return pass(`The fund is open (${fund.periodStart} to ${fund.periodEnd}).`, values);
    },
  },
  {
    code: 'COUNTRY_MATCH',
    severity: 'fail',
    check: ({ organisation, fund }) => {
      const values = { organisationCountry: organisation.country, fundCountry: fund.country };
      return organisation.country === fund.country
        ? pass(`The fund and your organisation are both in ${fund.country}.`, values)
        : problem(
            `This fund serves ${fund.country}; your organisation works in ${organisation.country}. Apply to the fund of ${organisation.country}.`,
            values,
          );
    },
  },
  {
    code: 'CATEGORY_ELIGIBLE',
    severity: 'fail',
    check: ({ beneficiary, fund }) => {
      const eligible = fund.rules.eligibleCategories;
      const values = { category: beneficiary.category, eligibleCategories: eligible };
      return eligible.includes(beneficiary.category)
        ? pass(`The fund helps ${CATEGORY_LABEL[beneficiary.category]}.`, values)
        : problem(
            `This fund helps ${eligible.map((c) => CATEGORY_LABEL[c]).join(' and ')}; the beneficiary is registered as ${CATEGORY_LABEL[beneficiary.category]}. If the category is wrong, correct it; otherwise the fund cannot pay.`,
            values,
          );
    },
  },
  {
    code: 'CONSENT_RECORDED',
    severity: 'fail',
    check: ({ beneficiary, today }) => {
      const values = { consentGivenAt: beneficiary.consentGivenAt };
      if (!beneficiary.consentGivenAt)
        return problem("The beneficiary's consent to the processing of their data is not on file. Record it first.", values);
      if (beneficiary.consentGivenAt > today)
        return problem(`The consent is dated ${beneficiary.consentGivenAt}, in the future; correct the date.`, values);
      return pass(`Consent to data processing was given on ${beneficiary.consentGivenAt}.`, values);
    },
  },
  {
    code: 'STATE_SUPPORT_SOUGHT',
    severity: 'fail',
    check: ({ application }) => {
      const s = application.stateSupport;
      const values = { stateSupport: s };
      if (!s)
        return problem('Say whether you asked a State agency for this help first, and what it answered ("State support first").', values);
      if (s.outcome === 'not_applicable') {
        return s.note?.trim()
          ? pass(`State support does not apply: ${s.note.trim()}`, values)
          : problem(
              'You marked State support as not applicable: add a note saying why (for example, foreign victims cannot get State shelter in Kazakhstan).',
              values,
            );
      }
      if (!s.requested) {
        return problem(
          'The fund pays only where the State does not: ask the responsible agency first, then record its answer (refused, partial or no response).',
          values,
        );
      }
      const label = { refused: 'refused', partial: 'helped only in part', no_response: 'did not answer' }[s.outcome] ?? s.outcome;
      return pass(
        `State support was requested${s.agency ? ` from ${s.agency}` : ''}${s.requestedOn ? ` on ${s.requestedOn}` : ''} and the agency ${label}.`,
        values,
      );
    },
  },
  {
    code: 'TYPE_ALLOWED',
    severity: 'fail',
    check: ({ application, fund }) => {
      const allowed = fund.rules.allowedTypes;
      const refused = [...new Set(application.items.map((i) => i.type).filter((t) => !allowed.includes(t)))];
      const values = { requestedTypes: [...new Set(application.items.map((i) => i.type))], allowedTypes: allowed };
      return refused.length
        ? problem(
            `This fund does not pay for ${refused.map((t) => TYPE_LABEL[t]).join(', ')}. It pays for ${allowed.map((t) => TYPE_LABEL[t]).join(', ')}. Remove those items or move them to what the fund covers.`,
            { ...values, refusedTypes: refused },
          )
        : pass('The fund pays for every type of assistance requested.', values);
    },
  },
  {
    code: 'APPLICATION_CAP',
    severity: 'fail',
    check: ({ application, fund }) => {
      const cap = fund.rules.maxPerApplication;
      const values = { total: formatMinor(application.total), cap, currency: fund.currency };
      if (cap === null) return pass('The fund has no limit per application.', values);
      const capMinor = toMinor(cap);
      return application.total <= capMinor
        ? pass(
            `The total (${displayMoney(application.total, fund.currency)}) is within the limit of ${displayMoney(capMinor, fund.currency)} per application.`,
            values,
          )
        : problem(
            `The fund pays at most ${displayMoney(capMinor, fund.currency)} per application; this one asks for ${displayMoney(application.total, fund.currency)}.`,
            values,
          );
    },
  },
  {
    code: 'TYPE_CAP',
    severity: 'fail',
    check: ({ application, fund }) => {
      const sums = new Map<AssistanceType, Minor>();
      for (const item of application.items) sums.set(item.type, (sums.get(item.type) ?? 0n) + item.amount);
      const over: string[] = [];
      const compared: Record<string, { requested: string; cap: string }> = {};
      for (const type of ASSISTANCE_TYPES) {
        const cap = fund.rules.typeCaps[type];
        const sum = sums.get(type);
        if (cap === undefined || sum === undefined) continue;
        compared[type] = { requested: formatMinor(sum), cap };
        if (sum > toMinor(cap)) {
          over.push(
            `${TYPE_LABEL[type]}: at most ${displayMoney(toMinor(cap), fund.currency)}, this application asks for ${displayMoney(sum, fund.currency)}`,
          );
        }
      }
      const values = { byType: compared, currency: fund.currency };
      if (over.length) return problem(`The fund limits some types of assistance per application — ${over.join('; ')}.`, values);
      return pass(
        Object.keys(compared).length
          ? 'Every type of assistance is within its limit.'
          : 'No type of assistance requested here has its own limit.',
        values,
      );
    },
  },
  {
    code: 'BENEFICIARY_CAP_365D',
    severity: 'fail',
    check: ({ application, fund, priorApprovals, today }) => {
      const cap = fund.rules.beneficiaryCap365d;
      const counted = within365Days(priorApprovals, today);
      const already = counted.reduce((s, a) => s + a.amount, 0n);
      const values = {
        approvedLast365Days: formatMinor(already),
        thisApplication: formatMinor(application.total),
        cap,
        approvalsCounted: counted.length,
        currency: fund.currency,
      };
      if (cap === null) return pass('The fund has no yearly limit per person.', values);
      const capMinor = toMinor(cap);
      const total = already + application.total;
      return total <= capMinor
        ? pass(
            `With this application the person would receive ${displayMoney(total, fund.currency)} in 365 days, within the limit of ${displayMoney(capMinor, fund.currency)}.`,
            values,
          )
        : problem(
            `The fund pays at most ${displayMoney(capMinor, fund.currency)} per person in 365 days. This person was already granted ${displayMoney(already, fund.currency)}; with this application it would be ${displayMoney(total, fund.currency)}. At most ${displayMoney(capMinor > already ? capMinor - already : 0n, fund.currency)} can be requested now.`,
            values,
          );
    },
  },
  {
    code: 'DUPLICATE_BENEFICIARY',
    severity: 'warn',
    check: ({ beneficiary, otherOpenApplications }) => {
      // only the applying organisation's own records: another organisation's never reach a finding the NGO reads
      const ownRefs = otherOpenApplications.filter((a) => a.reference).map((a) => a.reference);
      const values = { registeredAgain: beneficiary.registeredAgain, ownOpenReferences: ownRefs };
      const notes: string[] = [];
      if (beneficiary.registeredAgain) notes.push('your organisation registered what looks like the same person under another code');
      if (ownRefs.length) notes.push(`your organisation has another open application for this person (${ownRefs.join(', ')})`);
      return notes.length
        ? problem(`Possible duplicate: ${notes.join('; ')}. The officer will check that the help is not paid twice.`, values)
        : pass('Your organisation has no other registration or open application for this person.', values);
    },
  },
  {
    code: 'REQUIRED_DOCUMENTS',
    severity: 'warn',
    check: ({ application }) => {
      const missing: string[] = [];
      const needed: string[] = [];
      for (const type of new Set(application.items.map((i) => i.type))) {
        const need = REQUIRED_DOCUMENT_BY_TYPE[type];
        if (!need) continue;
        needed.push(need.kind);
        if (!application.documentKinds.includes(need.kind)) missing.push(`${need.label} (for ${TYPE_LABEL[type]})`);
      }
      const values = { required: needed, attached: application.documentKinds };
      return missing.length
        ? problem(`Please attach ${missing.join(' and ')}; the officer needs it to decide.`, values)
        : pass(
            needed.length
              ? 'The supporting documents the fund asks for are attached.'
              : 'No supporting document is required for these items.',
            values,
          );
    },
  },
  {
    code: 'FUND_BALANCE',
    severity: 'warn',
    check: ({ application, fund }) => {
      const values = { available: formatMinor(fund.available), requested: formatMinor(application.total), currency: fund.currency };
      return fund.available >= application.total
        ? pass('The fund has enough money available for this request.', values)
        : problem(
            `The fund has ${displayMoney(fund.available > 0n ? fund.available : 0n, fund.currency)} available, less than the ${displayMoney(application.total, fund.currency)} requested. The request can still be reviewed, but it can only be approved if money is freed or added.`,
            values,
          );
    },
  },
];
