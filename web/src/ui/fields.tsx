import type { ReactNode } from 'react';

/** A labelled field with its error (in the user's language) between label and input, as GOV.UK does. */
export function Field({
  id,
  label,
  hint,
  error,
  children,
}: {
  id: string;
  label: string;
  hint?: string;
  error?: string;
  children: ReactNode;
}) {
  return (
    <div className={`field${error ? ' field-error' : ''}`}>
      <label htmlFor={id}>{label}</label>
      {hint && (
        <p className="hint" id={`${id}-hint`}>
          {hint}
        </p>
      )}
      {error && (
        <p className="error-text" id={`${id}-error`}>
          {error}
        </p>
      )}
      {children}
    </div>
  );
}

/** What an input of a Field needs for its hint and error to be read with it. */
export function describedBy(id: string, hint?: string, error?: string) {
  const ids = [hint && `${id}-hint`, error && `${id}-error`].filter(Boolean).join(' ');
  return { id, 'aria-invalid': !!error || undefined, 'aria-describedby': ids || undefined };
}

export function Radios<T extends string>({
  name,
  legend,
  options,
  value,
  onChange,
  error,
}: {
  name: string;
  legend: string;
  options: { value: T; label: string }[];
  value: T | '';
  onChange: (value: T) => void;
  error?: string;
}) {
  return (
    <fieldset className={`field radios${error ? ' field-error' : ''}`} id={name} aria-invalid={!!error || undefined}>
      <legend>{legend}</legend>
      {error && <p className="error-text">{error}</p>}
      {options.map((o) => (
        <label key={o.value} className="radio">
          <input type="radio" name={name} value={o.value} checked={value === o.value} onChange={() => onChange(o.value)} />
          {o.label}
        </label>
      ))}
    </fieldset>
  );
}

/** A date as three numeric fields (day, month, year): easier on a phone than a picker. */
export function DateFields({
  id,
  legend,
  hint,
  value,
  onChange,
  error,
  labels,
}: {
  id: string;
  legend: string;
  hint: string;
  value: { day: string; month: string; year: string };
  onChange: (value: { day: string; month: string; year: string }) => void;
  error?: string;
  labels: { day: string; month: string; year: string };
}) {
  const part = (key: 'day' | 'month' | 'year', size: string) => (
    <div className="date-part">
      <label htmlFor={key === 'day' ? id : `${id}-${key}`}>{labels[key]}</label>
      <input
        id={key === 'day' ? id : `${id}-${key}`}
        className={size}
        inputMode="numeric"
        autoComplete="off"
        value={value[key]}
        onChange={(e) => onChange({ ...value, [key]: e.target.value.replace(/\D/g, '') })}
        aria-invalid={!!error || undefined}
      />
    </div>
  );
  return (
    <fieldset className={`field${error ? ' field-error' : ''}`} aria-describedby={`${id}-hint`}>
      <legend>{legend}</legend>
      <p className="hint" id={`${id}-hint`}>
        {hint}
      </p>
      {error && <p className="error-text">{error}</p>}
      <div className="date">
        {part('day', 'w2')}
        {part('month', 'w2')}
        {part('year', 'w4')}
      </div>
    </fieldset>
  );
}

/** YYYY-MM-DD of three fields, or null when they do not make a real day. */
export function isoDate({ day, month, year }: { day: string; month: string; year: string }): string | null {
  const [d, m, y] = [Number(day), Number(month), Number(year)];
  if (!d || !m || year.length !== 4) return null;
  const date = new Date(Date.UTC(y, m - 1, d));
  if (date.getUTCFullYear() !== y || date.getUTCMonth() !== m - 1 || date.getUTCDate() !== d) return null;
  return date.toISOString().slice(0, 10);
}

export function dateParts(iso: string | undefined | null) {
  if (!iso) return { day: '', month: '', year: '' };
  const [year, month, day] = iso.split('-');
  return { day: String(Number(day)), month: String(Number(month)), year };
}
