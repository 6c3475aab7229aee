// Every word the picker shows about a verdict, through @lit/localize's msg() with stable ids.
import { msg, str } from '@lit/localize';
import { REASON_CODES } from '@clearframe/core';
import type { ApprovalNotice, ReasonCode } from '@clearframe/core';
import type { PickerVerdict } from './types.js';

/** Blocking reasons (spec §6) in words. */
export function reasonWords(code: ReasonCode): string {
  switch (code) {
    case 'no_legal_basis':
      return msg('No legal basis recorded', { id: 'reason.no_legal_basis' });
    case 'legal_basis_not_permitted':
      return msg('Legal basis not permitted by the policy', {
        id: 'reason.legal_basis_not_permitted',
      });
    case 'persons_not_identified':
      return msg('People in the picture not identified', { id: 'reason.persons_not_identified' });
    case 'license_expired':
      return msg('Licence expired', { id: 'reason.license_expired' });
    case 'license_channel_not_granted':
      return msg('Licence does not cover this channel', {
        id: 'reason.license_channel_not_granted',
      });
    case 'protected_identity':
      return msg('A person has a protected identity', { id: 'reason.protected_identity' });
    case 'objection':
      return msg('A person has objected', { id: 'reason.objection' });
    case 'no_consent':
      return msg('Consent missing', { id: 'reason.no_consent' });
    case 'consent_kind_not_accepted':
      return msg('Form of consent not accepted', { id: 'reason.consent_kind_not_accepted' });
    case 'guardian_consent_required':
      return msg("Guardians' consent required", { id: 'reason.guardian_consent_required' });
    case 'consent_revoked':
      return msg('Consent revoked', { id: 'reason.consent_revoked' });
    case 'channel_not_granted':
      return msg('Consent does not cover this channel', { id: 'reason.channel_not_granted' });
    case 'consent_not_yet_valid':
      return msg('Consent not yet valid', { id: 'reason.consent_not_yet_valid' });
    case 'consent_expired':
      return msg('Consent expired', { id: 'reason.consent_expired' });
  }
}

/** Why a view is blocked or untrustworthy without a reason from the rules. */
export function noticeWords(notice: ApprovalNotice): string {
  switch (notice) {
    case 'not_loaded':
      return msg('Verdict not loaded yet', { id: 'notice.not_loaded' });
    case 'unknown_asset':
      return msg('Not in the synced records', { id: 'notice.unknown_asset' });
    case 'stale':
      return msg('Data may be out of date', { id: 'notice.stale' });
    case 'expired':
      return msg('Approval has ended', { id: 'notice.expired' });
    case 'invalid_records':
      return msg('Records could not be evaluated', { id: 'notice.invalid_records' });
  }
}

export function statusWords(status: PickerVerdict['status']): string {
  switch (status) {
    case 'approved':
      return msg('Approved', { id: 'status.approved' });
    case 'expiring':
      return msg('Expiring', { id: 'status.expiring' });
    case 'blocked':
      return msg('Blocked', { id: 'status.blocked' });
  }
}

/** The last day an approval covers: the day before the instant it ends, in the viewer's zone. */
export function formatLastDay(approvedUntil: string, locale: string, timeZone?: string): string {
  const lastMoment = new Date(Date.parse(approvedUntil) - 1);
  const options: Intl.DateTimeFormatOptions = { dateStyle: 'medium' };
  if (timeZone) options.timeZone = timeZone;
  return new Intl.DateTimeFormat(locale, options).format(lastMoment);
}

export interface Badge {
  status: PickerVerdict['status'];
  /** Short text on the tile. */
  label: string;
  /** The reason in words, for blocked items (and the notice for stale ones). */
  detail: string;
}

/** What a tile's badge says about a verdict. */
export function badgeFor(verdict: PickerVerdict, locale: string, timeZone?: string): Badge {
  const { status } = verdict;
  const stale = verdict.stale ? noticeWords('stale') : '';
  if (status === 'blocked') {
    const reasons = [...new Set((verdict.reasons ?? []).map((reason) => reason.code))];
    const words = reasons.map(reasonWords);
    if (words.length === 0 && verdict.notice) words.push(noticeWords(verdict.notice));
    if (stale && verdict.notice !== 'stale') words.push(stale);
    return { status, label: statusWords(status), detail: words.join('; ') };
  }
  if (status === 'expiring' && verdict.approvedUntil) {
    const day = formatLastDay(verdict.approvedUntil, locale, timeZone);
    return {
      status,
      label: msg(str`Expiring, last day ${day}`, { id: 'status.expiring_on' }),
      detail: stale,
    };
  }
  return { status, label: statusWords(status), detail: stale };
}

/** Every reason code has words (checked by tests against each locale). */
export const REASON_MESSAGE_IDS: readonly string[] = REASON_CODES.map((code) => `reason.${code}`);
