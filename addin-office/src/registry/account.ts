// Signing in to the registry: checking an editor key, or a user session (POST /v1/auth/login).

import type { Credential } from '@clearframe/core';

/** GET /v1/auth/me, the part the pane uses. */
export interface Me {
  kind: 'user' | 'key';
  orgId: string;
  role: 'admin' | 'consent_manager' | 'editor' | 'public';
  user?: { email?: string; name?: string };
}

export const AccountErrorCode = {
  /** 401 on login: wrong e-mail or password. */
  badLogin: 'bad_login',
  /** 401 with a key or a session: unknown or revoked key, expired session. */
  notSignedIn: 'not_signed_in',
  /** A publishable key, or a role that may not browse pictures. */
  notEditor: 'not_editor',
  /** 429 on login. */
  throttled: 'throttled',
  /** No answer, or a 5xx. */
  unreachable: 'unreachable',
  /** Anything else the registry answered. */
  failed: 'failed',
} as const;
export type AccountErrorCode = (typeof AccountErrorCode)[keyof typeof AccountErrorCode];

export class AccountError extends Error {
  override readonly name = 'AccountError';
  readonly code: AccountErrorCode;
  /** For `throttled`: seconds until the next attempt may succeed. */
  readonly retryAfterSeconds: number | undefined;

  constructor(code: AccountErrorCode, options: ErrorOptions & { retryAfterSeconds?: number } = {}) {
    super(code, options);
    this.code = code;
    this.retryAfterSeconds = options.retryAfterSeconds;
  }
}

export function isAccountError(value: unknown): value is AccountError {
  return (value as { name?: unknown } | null)?.name === 'AccountError';
}

const EDITOR_ROLES: ReadonlySet<string> = new Set(['admin', 'consent_manager', 'editor']);

function init(credential: Credential, extra: RequestInit = {}): RequestInit {
  return {
    ...extra,
    credentials: credential.kind === 'session' ? 'include' : 'omit',
    headers: {
      accept: 'application/json',
      ...(credential.kind === 'session' ? {} : { authorization: `Bearer ${credential.key}` }),
      ...(extra.headers as Record<string, string> | undefined),
    },
  };
}

async function call(url: URL, options: RequestInit, fetchFn: typeof fetch): Promise<Response> {
  try {
    return await fetchFn(url, options);
  } catch (error) {
    throw new AccountError(AccountErrorCode.unreachable, { cause: error });
  }
}

/** Who the credential belongs to; refuses credentials that cannot browse pictures. */
export async function whoAmI(
  baseUrl: string,
  credential: Credential,
  fetchFn: typeof fetch = fetch,
): Promise<Me> {
  const response = await call(new URL('v1/auth/me', baseUrl), init(credential), fetchFn);
  if (response.status === 401) throw new AccountError(AccountErrorCode.notSignedIn);
  if (response.status >= 500) throw new AccountError(AccountErrorCode.unreachable);
  if (!response.ok) throw new AccountError(AccountErrorCode.failed);
  const me = (await response.json()) as Me;
  if (!EDITOR_ROLES.has(me.role)) throw new AccountError(AccountErrorCode.notEditor);
  return me;
}

/** Logs in; the registry answers with its session cookie, which the browser keeps. */
export async function logIn(
  baseUrl: string,
  email: string,
  password: string,
  fetchFn: typeof fetch = fetch,
): Promise<Me> {
  const response = await call(
    new URL('v1/auth/login', baseUrl),
    init(
      { kind: 'session' },
      {
        method: 'POST',
        body: JSON.stringify({ email: email.trim(), password }),
        headers: { 'content-type': 'application/json' },
      },
    ),
    fetchFn,
  );
  if (response.status === 401 || response.status === 422) {
    throw new AccountError(AccountErrorCode.badLogin);
  }
  if (response.status === 429) {
    const retryAfterSeconds = Number(response.headers.get('retry-after') ?? '') || 900;
    throw new AccountError(AccountErrorCode.throttled, { retryAfterSeconds });
  }
  if (response.status >= 500) throw new AccountError(AccountErrorCode.unreachable);
  if (!response.ok) throw new AccountError(AccountErrorCode.failed);
  // The cookie may not be stored (a third-party iframe): ask who we are with it to be sure.
  return whoAmI(baseUrl, { kind: 'session' }, fetchFn);
}

export async function logOut(baseUrl: string, fetchFn: typeof fetch = fetch): Promise<void> {
  await call(
    new URL('v1/auth/logout', baseUrl),
    init({ kind: 'session' }, { method: 'POST' }),
    fetchFn,
  ).catch(() => undefined);
}
