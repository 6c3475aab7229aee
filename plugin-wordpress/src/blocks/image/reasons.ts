// Human sentences for the verdict reason codes of shared/spec/consent-rules.md §6, and for the
// editor's own `unknown_asset` (verdict-state.ts).
import { __ } from '@wordpress/i18n';
import { UNKNOWN_ASSET } from './verdict-state';

export function reasonText(code: string): string {
  switch (code) {
    case 'no_consent':
      return __('a person in the picture has given no consent', 'clearframe');
    case 'consent_kind_not_accepted':
      return __('a consent is of a kind the policy does not accept', 'clearframe');
    case 'guardian_consent_required':
      return __('a guardian’s consent is required', 'clearframe');
    case 'consent_revoked':
      return __('a consent was withdrawn', 'clearframe');
    case 'channel_not_granted':
      return __('a consent does not cover this channel', 'clearframe');
    case 'consent_not_yet_valid':
      return __('a consent is not valid yet', 'clearframe');
    case 'consent_expired':
      return __('a consent has expired', 'clearframe');
    case 'no_legal_basis':
      return __('the picture has no legal basis', 'clearframe');
    case 'legal_basis_not_permitted':
      return __('the legal basis is not permitted by the policy', 'clearframe');
    case 'persons_not_identified':
      return __('the people in the picture are not identified', 'clearframe');
    case 'license_expired':
      return __('the licence has expired', 'clearframe');
    case 'license_channel_not_granted':
      return __('the licence does not cover this channel', 'clearframe');
    case 'protected_identity':
      return __('a person has a protected identity', 'clearframe');
    case 'objection':
      return __('a person has objected', 'clearframe');
    case UNKNOWN_ASSET:
      return __('the picture is not in the registry', 'clearframe');
    default:
      return code;
  }
}
