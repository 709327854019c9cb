import type { ProgramCountry } from '../common/validation/decorators.js';

/** The demo program (SPEC section 5), with names from the program's reports (DOMAIN-NOTES.md). */
export interface CountrySeed {
  country: ProgramCountry;
  countryName: string;
  currency: string;
  /** local units per US dollar, to size budgets and caps alike in every country */
  perUsd: number;
  slaHours: { urgent: number; standard: number };
  femaleTargetPercent: number;
  ngos: { name: string; city: string; registrationNumber: string; bankName: string; iban: string; bic: string }[];
  officers: [string, string];
  caseWorkers: [string, string];
}

export const DEMO_COUNTRIES: CountrySeed[] = [
  {
    country: 'KZ',
    countryName: 'Kazakhstan',
    currency: 'KZT',
    perUsd: 500,
    slaHours: { urgent: 24, standard: 48 },
    femaleTargetPercent: 33,
    ngos: [
      {
        name: 'Sana Sezim',
        city: 'Shymkent',
        registrationNumber: 'KZ-010140003211',
        bankName: 'Halyk Bank',
        iban: 'KZ20601A871001726091',
        bic: 'HSBKKZKX',
      },
      {
        name: 'Damytu',
        city: 'Kostanai',
        registrationNumber: 'KZ-050940001877',
        bankName: 'Bank CenterCredit',
        iban: 'KZ528560000006554123',
        bic: 'KCJBKZKX',
      },
    ],
    officers: ['Aigerim Sadykova', 'Daniyar Omarov'],
    caseWorkers: ['Saule Bekova', 'Marat Zhunusov'],
  },
  {
    country: 'KG',
    countryName: 'Kyrgyz Republic',
    currency: 'KGS',
    perUsd: 87,
    slaHours: { urgent: 24, standard: 72 },
    femaleTargetPercent: 50,
    ngos: [
      {
        name: 'Ulybka',
        city: 'Osh',
        registrationNumber: 'KG-21503200410045',
        bankName: 'Demir Bank',
        iban: 'KG54DEMI1180000012345678',
        bic: 'DEMIKG22',
      },
      {
        name: 'Pangea',
        city: 'Bishkek',
        registrationNumber: 'KG-21007201110098',
        bankName: 'Optima Bank',
        iban: 'KG15ENEJ1090000098765432',
        bic: 'ENEJKG22',
      },
    ],
    officers: ['Nurgul Toktosunova', 'Azamat Asanov'],
    caseWorkers: ['Cholpon Mamatova', 'Bakyt Sydykov'],
  },
  {
    country: 'TJ',
    countryName: 'Tajikistan',
    currency: 'TJS',
    perUsd: 11,
    slaHours: { urgent: 48, standard: 120 },
    femaleTargetPercent: 33,
    ngos: [
      {
        name: 'Akhtari Bakht',
        city: 'Bokhtar',
        registrationNumber: 'TJ-0110023456',
        bankName: 'Amonatbonk',
        iban: 'TJ52AMON0000000203456789',
        bic: 'AMONTJ22',
      },
      {
        name: 'Chashma',
        city: 'Shahrituz',
        registrationNumber: 'TJ-0110098765',
        bankName: 'Eskhata Bank',
        iban: 'TJ57ESKH0000000209876543',
        bic: 'ESKHTJ22',
      },
    ],
    officers: ['Firuza Rahimova', 'Jamshed Nazarov'],
    caseWorkers: ['Manizha Safarova', 'Sukhrob Davlatov'],
  },
  {
    country: 'TM',
    countryName: 'Turkmenistan',
    currency: 'TMT',
    perUsd: 3.5,
    slaHours: { urgent: 24, standard: 72 },
    femaleTargetPercent: 33,
    ngos: [
      {
        name: 'Ynanch Vepa',
        city: 'Ashgabat',
        registrationNumber: 'TM-1002003',
        bankName: 'Turkmenistan Bank',
        iban: 'TM10TURK0000000000112233',
        bic: 'TURKTM22',
      },
      {
        name: 'Ynam',
        city: 'Dashoguz',
        registrationNumber: 'TM-1002117',
        bankName: 'Dayhanbank',
        iban: 'TM76DAYH0000000000445566',
        bic: 'DAYHTM22',
      },
    ],
    officers: ['Ogulgerek Atayeva', 'Merdan Berdiyev'],
    caseWorkers: ['Jeren Orazova', 'Maksat Gurbanov'],
  },
  {
    country: 'UZ',
    countryName: 'Uzbekistan',
    currency: 'UZS',
    perUsd: 12500,
    slaHours: { urgent: 24, standard: 72 },
    femaleTargetPercent: 33,
    ngos: [
      {
        name: 'Istiqlol Avlodi',
        city: 'Jizzakh',
        registrationNumber: 'UZ-301234567',
        bankName: 'Hamkorbank',
        iban: 'UZ26HAMK0000000020208000',
        bic: 'KHKKUZ22',
      },
      {
        name: 'Barqaror Hayot',
        city: 'Termez',
        registrationNumber: 'UZ-302345678',
        bankName: 'Ipak Yuli Bank',
        iban: 'UZ06INIP0000000020208111',
        bic: 'INIPUZ22',
      },
    ],
    officers: ['Dilnoza Yusupova', 'Sherzod Karimov'],
    caseWorkers: ['Gulnora Tosheva', 'Bekzod Alimov'],
  },
];

/** Sample beneficiaries for DEMO_SEED=full; names are invented, as in the program's success stories. */
export const DEMO_BENEFICIARIES: {
  country: ProgramCountry;
  ngo: 0 | 1;
  category: 'VOT' | 'VM' | 'OTHER';
  sex: 'female' | 'male';
  flags: string[];
  nationality: string;
  fullName: string;
  dateOfBirth: string;
}[] = [
  {
    country: 'KZ',
    ngo: 0,
    category: 'VOT',
    sex: 'female',
    flags: ['foreign', 'gbv_survivor'],
    nationality: 'UZ',
    fullName: 'Nodira Karimova',
    dateOfBirth: '1991-04-02',
  },
  {
    country: 'KZ',
    ngo: 0,
    category: 'VM',
    sex: 'male',
    flags: ['undocumented', 'stranded'],
    nationality: 'TJ',
    fullName: 'Farrukh Saidov',
    dateOfBirth: '1987-09-15',
  },
  // the same person as the first, registered by the second NGO: officers and admins see the match, the NGOs do not
  {
    country: 'KZ',
    ngo: 1,
    category: 'VOT',
    sex: 'female',
    flags: ['foreign'],
    nationality: 'UZ',
    fullName: 'КАРИМОВА Нодира',
    dateOfBirth: '1991-04-02',
  },
  {
    country: 'KG',
    ngo: 0,
    category: 'VM',
    sex: 'male',
    flags: ['reentry_ban', 'repatriate'],
    nationality: 'KG',
    fullName: 'Ulan Abdyrakhmanov',
    dateOfBirth: '1984-02-20',
  },
  {
    country: 'KG',
    ngo: 1,
    category: 'VOT',
    sex: 'female',
    flags: ['with_children'],
    nationality: 'KG',
    fullName: 'Aizada Temirova',
    dateOfBirth: '1996-07-11',
  },
  {
    country: 'TJ',
    ngo: 0,
    category: 'VM',
    sex: 'male',
    flags: ['repatriate'],
    nationality: 'TJ',
    fullName: 'Rustam Qodirov',
    dateOfBirth: '1979-12-01',
  },
  {
    country: 'TJ',
    ngo: 1,
    category: 'OTHER',
    sex: 'female',
    flags: ['pregnant'],
    nationality: 'TJ',
    fullName: 'Zarina Mirzoeva',
    dateOfBirth: '2000-03-30',
  },
  {
    country: 'TM',
    ngo: 0,
    category: 'VOT',
    sex: 'male',
    flags: ['disability'],
    nationality: 'TM',
    fullName: 'Serdar Annayev',
    dateOfBirth: '1990-05-05',
  },
  {
    country: 'UZ',
    ngo: 0,
    category: 'VOT',
    sex: 'male',
    flags: ['repatriate'],
    nationality: 'UZ',
    fullName: 'Jasur Xolmatov',
    dateOfBirth: '1993-10-10',
  },
  {
    country: 'UZ',
    ngo: 1,
    category: 'VM',
    sex: 'female',
    flags: ['stranded', 'with_children'],
    nationality: 'UZ',
    fullName: 'Malika Rasulova',
    dateOfBirth: '1989-01-25',
  },
  {
    country: 'KZ',
    ngo: 1,
    category: 'VM',
    sex: 'female',
    flags: ['stranded'],
    nationality: 'KG',
    fullName: 'Gulnara Asanova',
    dateOfBirth: '1985-08-14',
  },
];

/**
 * Sample applications for DEMO_SEED=full, at most one per sample beneficiary (by index in DEMO_BENEFICIARIES).
 * Every country has at least one that ends `submitted`, so each officer's queue has work in it.
 */
export const DEMO_APPLICATIONS: {
  beneficiary: number;
  submit: boolean;
  /** approved by the country's officer after submission: an award with its letter */
  approve?: boolean;
  urgency: 'urgent' | 'standard';
  language: string;
  items: { type: string; description: string; usd: number }[];
  justification: string;
  stateSupport: {
    requested: boolean;
    agency: string | null;
    outcome: 'refused' | 'partial' | 'no_response' | 'not_applicable';
    note: string | null;
  };
}[] = [
  {
    beneficiary: 0,
    submit: true,
    approve: true,
    urgency: 'urgent',
    language: 'ru',
    items: [
      { type: 'documents', description: 'Passport restoration fees and photographs', usd: 90 },
      { type: 'legal', description: 'Lawyer for the residence permit case', usd: 240 },
      { type: 'shelter', description: 'Two weeks in a crisis centre', usd: 160 },
    ],
    justification: 'Passport withheld by the former employer; she cannot leave the country or get State services without it.',
    stateSupport: {
      requested: false,
      agency: null,
      outcome: 'not_applicable',
      note: 'Foreign victims cannot get State special social services or shelter in Kazakhstan.',
    },
  },
  {
    beneficiary: 1,
    submit: true,
    urgency: 'standard',
    language: 'ru',
    items: [{ type: 'medical', description: 'Surgery after a workplace injury', usd: 1300 }],
    justification: 'Injured on a construction site, no insurance, no documents.',
    stateSupport: { requested: true, agency: 'City polyclinic', outcome: 'refused', note: 'Refused without a residence registration.' },
  },
  {
    beneficiary: 3,
    submit: true,
    urgency: 'standard',
    language: 'ky',
    items: [
      { type: 'business_startup', description: 'Welding machine and protective equipment', usd: 650 },
      { type: 'vocational_training', description: 'Two-week welding course', usd: 120 },
    ],
    justification: 'Returned under a re-entry ban; wants to start a welding workshop in his village.',
    stateSupport: { requested: true, agency: 'State Migration Service', outcome: 'no_response', note: null },
  },
  {
    beneficiary: 5,
    submit: true,
    urgency: 'urgent',
    language: 'tg',
    items: [{ type: 'repatriation', description: 'Train ticket home and food for the journey', usd: 110 }],
    justification: 'Stranded at the border after losing his job.',
    stateSupport: { requested: true, agency: 'Local hukumat', outcome: 'partial', note: 'Paid part of the ticket.' },
  },
  {
    beneficiary: 9,
    submit: false,
    urgency: 'standard',
    language: 'uz',
    items: [{ type: 'social', description: 'Food and hygiene supplies for a mother and two children', usd: 140 }],
    justification: 'Stranded with two small children after the husband left.',
    stateSupport: { requested: true, agency: 'Mahalla committee', outcome: 'refused', note: null },
  },
  {
    beneficiary: 10,
    submit: true,
    urgency: 'standard',
    language: 'ru',
    items: [
      { type: 'documents', description: 'Replacement passport from her consulate', usd: 60 },
      { type: 'repatriation', description: 'Bus ticket home to Bishkek', usd: 45 },
    ],
    justification: 'Her employer kept her passport and unpaid wages; she wants to go home.',
    stateSupport: { requested: true, agency: 'Migration police', outcome: 'refused', note: 'Not a citizen: no assistance.' },
  },
  {
    beneficiary: 7,
    submit: true,
    urgency: 'standard',
    language: 'ru',
    items: [{ type: 'medical', description: 'Physiotherapy course after an injury at work abroad', usd: 300 }],
    justification: 'Came back injured; cannot work until the physiotherapy is done.',
    stateSupport: { requested: true, agency: 'District health department', outcome: 'no_response', note: null },
  },
  {
    beneficiary: 8,
    submit: true,
    urgency: 'urgent',
    language: 'uz',
    items: [{ type: 'legal', description: 'Lawyer to recover wages withheld by a recruiter', usd: 200 }],
    justification: 'Recruited with false promises; the recruiter still holds three months of his wages.',
    stateSupport: { requested: true, agency: 'Labour inspectorate', outcome: 'refused', note: null },
  },
];

/**
 * The demo's history (DEMO_SEED=full): a request of the first Kazakh NGO approved about a hundred
 * days before the seeding day (one item first approved for less, then amended up with a reason, so
 * the award has a second letter version; an English copy asked for besides the Russian letter),
 * paid in one tranche that the bank booked three months before the seeding day. The award is
 * closed and its 3-month follow-up falls due on the seeding day, so a case worker can record one.
 */
export const DEMO_PAID_AWARD = {
  person: {
    country: 'KZ' as const,
    ngo: 0 as const,
    category: 'VM' as const,
    sex: 'female' as const,
    flags: ['repatriate', 'with_children'],
    nationality: 'KZ',
    fullName: 'Aliya Tursynbekova',
    dateOfBirth: '1990-06-18',
  },
  /** days from the approval to the bank's booking of the payment */
  approvalToPayment: 8,
  urgency: 'standard' as const,
  language: 'ru',
  items: [
    { type: 'business_startup', description: 'Sewing machine and overlock for a home tailoring business', usd: 420, firstApprovedUsd: 350 },
    { type: 'vocational_training', description: 'Four-week tailoring course', usd: 80, firstApprovedUsd: 80 },
  ],
  justification: 'Came back from Russia after her employer stopped paying; she wants to earn a living by tailoring at home in Shymkent.',
  stateSupport: {
    requested: true,
    agency: 'Employment centre of Shymkent',
    outcome: 'refused' as const,
    note: 'No start-up grants until next year.',
  },
  conditions: 'Receipts for the equipment within 30 days; the NGO visits the workshop at 3 and 6 months.',
  amendmentReason: "The supplier's price for the sewing machine rose; the full quote is approved.",
};
