import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate, useParams, useSearchParams } from 'react-router';
import { api, ApiError, call } from '../../api/client';
import { formatDate } from '../../ui/format';
import { useErrorText } from '../../ui/problem';
import { PersonForm, type PersonValues } from './person-form';

/** The people the organisation registered: code and name (only its own staff see names). */
export function PeoplePage() {
  const { t } = useTranslation();
  const errorText = useErrorText();
  const people = useQuery({
    queryKey: ['beneficiaries'],
    queryFn: () => call(api.GET('/api/v1/beneficiaries', { params: { query: { limit: 100 } } })),
  });
  return (
    <>
      <h1>{t('people.title')}</h1>
      <p>
        <Link className="button" to="/people/new">
          {t('people.register')}
        </Link>
      </p>
      {people.isError ? (
        <p role="alert">{errorText(people.error)}</p>
      ) : people.isPending ? (
        <p className="loading">{t('app.loading')}</p>
      ) : people.data.items.length === 0 ? (
        <p>{t('people.none')}</p>
      ) : (
        <table className="table">
          <caption>{t('people.listCaption')}</caption>
          <thead>
            <tr>
              <th scope="col">{t('people.code')}</th>
              <th scope="col">{t('people.fullName')}</th>
              <th scope="col">{t('people.category')}</th>
            </tr>
          </thead>
          <tbody>
            {people.data.items.map((p) => (
              <tr key={p.id}>
                <td>
                  <Link to={`/people/${p.id}`}>{p.code}</Link>
                </td>
                <td>{p.pii?.fullName}</td>
                <td>{t(`people.categories.${p.category}`)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </>
  );
}

/**
 * Registers a person. Opened from the request form (?for=request, or ?for=<request id> when changing
 * the person of a draft), it goes straight back to the form with the new person chosen.
 */
export function NewPersonPage() {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const [params] = useSearchParams();
  const forRequest = params.get('for');
  const queryClient = useQueryClient();
  const register = useMutation({ mutationFn: (body: PersonValues) => call(api.POST('/api/v1/beneficiaries', { body })) });
  return (
    <>
      <p>
        {forRequest ? (
          <Link to={forRequest === 'request' ? '/requests/new' : `/requests/${forRequest}/edit/person`}>{t('form.back')}</Link>
        ) : (
          <Link to="/people">{t('people.back')}</Link>
        )}
      </p>
      <h1>{t('people.registerTitle')}</h1>
      <PersonForm
        submitLabel={t('people.save')}
        onSubmit={async (values) => {
          const created = await register.mutateAsync(values);
          await queryClient.invalidateQueries({ queryKey: ['beneficiaries'] });
          if (forRequest === 'request') navigate(`/requests/new/items?person=${created.id}`, { replace: true, state: { flow: true } });
          else if (forRequest) navigate(`/requests/${forRequest}/edit/person?person=${created.id}`, { replace: true });
          else navigate(`/people/${created.id}`, { state: { registered: true } });
        }}
      />
    </>
  );
}

function usePerson(id: string) {
  return useQuery({
    queryKey: ['beneficiaries', id],
    queryFn: () => call(api.GET('/api/v1/beneficiaries/{id}', { params: { path: { id } } })),
  });
}

export function PersonPage() {
  const { t, i18n } = useTranslation();
  const { id } = useParams();
  const errorText = useErrorText();
  const person = usePerson(id!);
  if (person.isError) return <p role="alert">{errorText(person.error)}</p>;
  if (person.isPending) return <p className="loading">{t('app.loading')}</p>;
  const p = person.data;
  const rows: [string, string][] = [
    [t('people.code'), p.code],
    [t('people.fullName'), p.pii?.fullName ?? '—'],
    [t('people.dateOfBirth'), p.pii ? formatDate(p.pii.dateOfBirth, i18n.language) : '—'],
    [t('people.sex'), t(`people.sexes.${p.sex}`)],
    [t('people.category'), t(`people.categories.${p.category}`)],
    [t('people.nationality'), t(`people.countries.${p.nationality}`, { defaultValue: p.nationality })],
    [t('people.documentNumber'), p.pii?.documentNumber ?? t('people.notProvided')],
    [t('people.phone'), p.pii?.phone ?? t('people.notProvided')],
    [t('people.consentMethod'), `${t(`people.consentMethods.${p.consent.method}`)}, ${formatDate(p.consent.givenAt, i18n.language)}`],
  ];
  return (
    <>
      <p>
        <Link to="/people">{t('people.back')}</Link>
      </p>
      <h1>{t('people.personTitle', { code: p.code })}</h1>
      {p.possibleDuplicate && (
        <p className="warning" role="note">
          {t('people.possibleDuplicate')}
        </p>
      )}
      <p>
        <Link className="button secondary" to={`/people/${p.id}/edit`}>
          {t('people.correct')}
        </Link>
      </p>
      <dl className="summary-list">
        {rows.map(([k, v]) => (
          <div key={k}>
            <dt>{k}</dt>
            <dd>{v}</dd>
          </div>
        ))}
      </dl>
    </>
  );
}

/**
 * Corrects a mistake in a registration. The version read is sent back; when someone changed the
 * person meanwhile (409), the page offers to reload their data while the form keeps what was typed.
 */
export function EditPersonPage() {
  const { t } = useTranslation();
  const { id } = useParams();
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const errorText = useErrorText();
  const [conflict, setConflict] = useState(false);
  const person = usePerson(id!);
  if (person.isError) return <p role="alert">{errorText(person.error)}</p>;
  if (person.isPending) return <p className="loading">{t('app.loading')}</p>;
  const p = person.data;
  return (
    <>
      <p>
        <Link to={`/people/${p.id}`}>{t('people.backToPerson')}</Link>
      </p>
      <h1>{t('people.correctTitle', { code: p.code })}</h1>
      {conflict && (
        <div className="warning" role="status">
          <p>{t('people.conflict')}</p>
          <button
            type="button"
            className="button secondary"
            onClick={async () => {
              await person.refetch();
              setConflict(false);
            }}
          >
            {t('people.reload')}
          </button>
        </div>
      )}
      <PersonForm
        initial={{
          ...p,
          ...p.pii,
          documentNumber: p.pii?.documentNumber ?? undefined,
          phone: p.pii?.phone ?? undefined,
          address: undefined,
        }}
        submitLabel={t('people.saveCorrection')}
        onSubmit={async (values) => {
          try {
            // the version of the latest read: after a reload, the one the user has now seen
            const version = queryClient.getQueryData<typeof p>(['beneficiaries', id])?.version ?? p.version;
            await call(api.PATCH('/api/v1/beneficiaries/{id}', { params: { path: { id: p.id } }, body: { ...values, version } }));
          } catch (error) {
            if (error instanceof ApiError && error.code === 'VERSION_CONFLICT') setConflict(true);
            throw error;
          }
          await queryClient.invalidateQueries({ queryKey: ['beneficiaries'] });
          navigate(`/people/${p.id}`);
        }}
      />
    </>
  );
}
