import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useLocation, useNavigate } from 'react-router';
import { api, call } from '../../api/client';
import type { components } from '../../api/schema';
import { session } from '../../api/session';

export type Application = components['schemas']['ApplicationResponse'];
type Update = components['schemas']['UpdateApplicationDto'];

/** The request form's steps in the order a first pass takes them; check answers comes last. */
const STEPS = ['person', 'items', 'documents', 'about'] as const;
export type Step = (typeof STEPS)[number];

/** Where a step's Continue leads: back to check answers, on to the next step of a first pass, or to the task list. */
interface StepState {
  flow?: boolean;
  back?: 'check';
}

export const EDITABLE: Application['status'][] = ['draft', 'ineligible', 'info_requested'];

export function useApplication(id: string | undefined) {
  return useQuery({
    queryKey: ['applications', id],
    queryFn: () => call(api.GET('/api/v1/applications/{id}', { params: { path: { id: id! } } })),
    enabled: !!id,
  });
}

/** The open fund of the case worker's country: its currency, limits and allowed types of help. */
export function useOpenFund() {
  const country = session.user?.countries[0];
  return useQuery({
    queryKey: ['funds', 'open', country],
    queryFn: async () => {
      const page = await call(api.GET('/api/v1/funds', { params: { query: { country: country as 'KZ', status: 'open' } } }));
      return page.items[0] ?? null;
    },
    staleTime: 10 * 60_000,
  });
}

/**
 * Saves a change of the draft with the version on screen. The answer replaces the cached request,
 * so the next step starts from what was stored; the eligibility pre-check is asked again.
 */
export function useSaveDraft(id: string | undefined) {
  const queryClient = useQueryClient();
  return async (version: number, change: Omit<Update, 'version'>) => {
    const saved = await call(api.PATCH('/api/v1/applications/{id}', { params: { path: { id: id! } }, body: { ...change, version } }));
    queryClient.setQueryData(['applications', id], saved);
    await queryClient.invalidateQueries({ queryKey: ['applications', id, 'preview'] });
    void queryClient.invalidateQueries({ queryKey: ['applications', 'home'] });
    return saved;
  };
}

/** After a step is saved: check answers if the user came from there, the next step on a first pass, else the task list. */
export function useNextStep(id: string | undefined) {
  const navigate = useNavigate();
  const location = useLocation();
  const state = (location.state ?? {}) as StepState;
  return {
    state,
    backTo: state.back === 'check' ? `/requests/${id}/check` : id ? `/requests/${id}/edit` : '/',
    next(step: Step, applicationId = id) {
      if (state.back === 'check') return navigate(`/requests/${applicationId}/check`);
      if (state.flow) {
        const following = STEPS[STEPS.indexOf(step) + 1];
        return navigate(following ? `/requests/${applicationId}/edit/${following}` : `/requests/${applicationId}/check`, {
          state: { flow: true },
        });
      }
      return navigate(`/requests/${applicationId}/edit`);
    },
  };
}

/**
 * An amount as people type it ("45 000,50", "45000.5", "1 200") as the API's exact decimal string,
 * or null when it is not a positive amount with at most two decimals. Never a float.
 */
export function parseAmount(text: string): string | null {
  const compact = text.replace(/[\s\u00a0\u202f']/g, '').replace(',', '.');
  if (!/^\d{1,15}(\.\d{1,2})?$/.test(compact)) return null;
  const normal = compact.replace(/^0+(?=\d)/, '');
  return /^0(\.0{1,2})?$/.test(normal) ? null : normal;
}

/** The amount as typed back into a field: the API's decimal with the reader's decimal mark. */
export function amountForInput(amount: string, lng: string): string {
  return lng === 'en' ? amount : amount.replace('.', ',');
}

/**
 * Languages an award letter is written in, each named in itself. The API takes kk, ky, tg and uz
 * too, but their letters fall back to Russian until templates exist, so the form does not offer them.
 */
export const LETTER_LANGUAGES: { value: 'ru' | 'en'; label: string }[] = [
  { value: 'ru', label: 'Русский' },
  { value: 'en', label: 'English' },
];
