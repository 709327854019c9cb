// The signed-in session. The access token lives in memory only; the refresh token in sessionStorage,
// so a reload keeps the case worker signed in but closing the browser (a shared phone) ends it.
const REFRESH_KEY = 'ef.refresh';

export interface SessionUser {
  id: string;
  email: string;
  fullName: string;
  role: 'ngo' | 'officer' | 'finance' | 'admin' | 'auditor';
  organisationId: string | null;
  countries: string[];
}

interface SessionState {
  accessToken: string | null;
  user: SessionUser | null;
}

const state: SessionState = { accessToken: null, user: null };
const listeners = new Set<() => void>();

export const session = {
  get accessToken() {
    return state.accessToken;
  },
  get user() {
    return state.user;
  },
  get refreshToken() {
    return sessionStorage.getItem(REFRESH_KEY);
  },
  signIn(accessToken: string, refreshToken: string, user: SessionUser) {
    state.accessToken = accessToken;
    state.user = user;
    sessionStorage.setItem(REFRESH_KEY, refreshToken);
    emit();
  },
  renew(accessToken: string, refreshToken: string) {
    state.accessToken = accessToken;
    sessionStorage.setItem(REFRESH_KEY, refreshToken);
  },
  signOut() {
    state.accessToken = null;
    state.user = null;
    sessionStorage.removeItem(REFRESH_KEY);
    emit();
  },
  subscribe(listener: () => void) {
    listeners.add(listener);
    return () => {
      listeners.delete(listener);
    };
  },
};

function emit() {
  for (const l of listeners) l();
}
