import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { ApiError } from '../../api/client';
import type { components } from '../../api/schema';
import { dateParts, DateFields, describedBy, Field, isoDate, Radios } from '../../ui/fields';
import { ErrorSummary, useErrorText } from '../../ui/problem';

type Create = components['schemas']['CreateBeneficiaryDto'];
export type PersonValues = Omit<Create, 'flags'>;

const NATIONALITIES = ['KZ', 'KG', 'TJ', 'TM', 'UZ', 'AF', 'RU', 'CN', 'TR', 'XX'];
const today = () => new Date().toISOString().slice(0, 10);

/**
 * The few facts a registration needs, on one page: the person's name and date of birth (encrypted
 * at rest), sex, category, nationality, optional document and phone, and how consent was given.
 * Used to register and to correct a mistake; what was typed is never cleared by an error.
 */
export function PersonForm({
  initial,
  submitLabel,
  onSubmit,
}: {
  initial?: Partial<PersonValues>;
  submitLabel: string;
  onSubmit: (values: PersonValues) => Promise<void>;
}) {
  const { t } = useTranslation();
  const errorText = useErrorText();
  const [fullName, setFullName] = useState(initial?.fullName ?? '');
  const [birth, setBirth] = useState(dateParts(initial?.dateOfBirth));
  const [sex, setSex] = useState<PersonValues['sex'] | ''>(initial?.sex ?? '');
  const [category, setCategory] = useState<PersonValues['category'] | ''>(initial?.category ?? '');
  const [nationality, setNationality] = useState(initial?.nationality ?? '');
  const [documentNumber, setDocumentNumber] = useState(initial?.documentNumber ?? '');
  const [phone, setPhone] = useState(initial?.phone ?? '');
  const [consentMethod, setConsentMethod] = useState<PersonValues['consent']['method'] | ''>(initial?.consent?.method ?? '');
  const [consentDate, setConsentDate] = useState(dateParts(initial?.consent?.givenAt ?? today()));
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [general, setGeneral] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    const found: Record<string, string> = {};
    const dob = isoDate(birth);
    const given = isoDate(consentDate);
    if (!fullName.trim()) found.fullName = t('people.errors.fullName');
    if (!dob || dob > today()) found.dateOfBirth = t('people.errors.dateOfBirth');
    if (!sex) found.sex = t('people.errors.sex');
    if (!category) found.category = t('people.errors.category');
    if (!nationality) found.nationality = t('people.errors.nationality');
    if (!consentMethod) found.consentMethod = t('people.errors.consentMethod');
    if (!given || given > today()) found.consentDate = t('people.errors.consentDate');
    setErrors(found);
    setGeneral(null);
    if (Object.keys(found).length) return;
    setBusy(true);
    try {
      await onSubmit({
        fullName: fullName.trim(),
        dateOfBirth: dob!,
        birthYear: Number(dob!.slice(0, 4)),
        sex: sex as PersonValues['sex'],
        category: category as PersonValues['category'],
        nationality,
        documentNumber: documentNumber.trim() || undefined,
        phone: phone.trim() || undefined,
        consent: { method: consentMethod as PersonValues['consent']['method'], givenAt: given! },
      });
    } catch (error) {
      // the server's field problems, each next to its field in the user's words
      const details = error instanceof ApiError ? (error.body.details ?? []) : [];
      const byField: Record<string, string> = {};
      for (const d of details) {
        const field = d.field.startsWith('consent') ? 'consentDate' : d.field === 'birthYear' ? 'dateOfBirth' : d.field;
        byField[field] = t(`people.errors.${field}`, { defaultValue: t('people.errors.check') });
      }
      setErrors(byField);
      setGeneral(Object.keys(byField).length ? null : errorText(error));
    } finally {
      setBusy(false);
    }
  };

  const summary = [...Object.entries(errors).map(([field, text]) => ({ field, text })), ...(general ? [{ text: general }] : [])];
  return (
    <form onSubmit={submit} noValidate className="form">
      <ErrorSummary messages={summary} />
      <Field id="fullName" label={t('people.fullName')} hint={t('people.fullNameHint')} error={errors.fullName}>
        <input
          {...describedBy('fullName', t('people.fullNameHint'), errors.fullName)}
          autoComplete="off"
          value={fullName}
          onChange={(e) => setFullName(e.target.value)}
        />
      </Field>
      <DateFields
        id="dateOfBirth"
        legend={t('people.dateOfBirth')}
        hint={t('people.dateHint')}
        value={birth}
        onChange={setBirth}
        error={errors.dateOfBirth}
        labels={{ day: t('people.day'), month: t('people.month'), year: t('people.year') }}
      />
      <Radios
        name="sex"
        legend={t('people.sex')}
        value={sex}
        onChange={setSex}
        error={errors.sex}
        options={(['female', 'male', 'other', 'undisclosed'] as const).map((v) => ({ value: v, label: t(`people.sexes.${v}`) }))}
      />
      <Radios
        name="category"
        legend={t('people.category')}
        value={category}
        onChange={setCategory}
        error={errors.category}
        options={(['VOT', 'VM', 'OTHER'] as const).map((v) => ({ value: v, label: t(`people.categories.${v}`) }))}
      />
      <Field id="nationality" label={t('people.nationality')} error={errors.nationality}>
        <select
          {...describedBy('nationality', undefined, errors.nationality)}
          value={nationality}
          onChange={(e) => setNationality(e.target.value)}
        >
          <option value="">{t('people.choose')}</option>
          {NATIONALITIES.map((c) => (
            <option key={c} value={c}>
              {t(`people.countries.${c}`)}
            </option>
          ))}
        </select>
      </Field>
      <Field id="documentNumber" label={t('people.documentNumber')} hint={t('people.optional')} error={errors.documentNumber}>
        <input
          {...describedBy('documentNumber', t('people.optional'), errors.documentNumber)}
          autoComplete="off"
          value={documentNumber}
          onChange={(e) => setDocumentNumber(e.target.value)}
        />
      </Field>
      <Field id="phone" label={t('people.phone')} hint={t('people.optional')} error={errors.phone}>
        <input
          {...describedBy('phone', t('people.optional'), errors.phone)}
          type="tel"
          autoComplete="off"
          value={phone}
          onChange={(e) => setPhone(e.target.value)}
        />
      </Field>
      <Radios
        name="consentMethod"
        legend={t('people.consentMethod')}
        value={consentMethod}
        onChange={setConsentMethod}
        error={errors.consentMethod}
        options={(['verbal', 'written'] as const).map((v) => ({ value: v, label: t(`people.consentMethods.${v}`) }))}
      />
      <DateFields
        id="consentDate"
        legend={t('people.consentDate')}
        hint={t('people.dateHint')}
        value={consentDate}
        onChange={setConsentDate}
        error={errors.consentDate}
        labels={{ day: t('people.day'), month: t('people.month'), year: t('people.year') }}
      />
      <button type="submit" className="button" disabled={busy}>
        {submitLabel}
      </button>
    </form>
  );
}
