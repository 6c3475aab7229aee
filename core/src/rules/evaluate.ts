// evaluate: may this asset be used in this channel at this instant, and until when? (spec §2–§6)
import { addYears, ageOn, civilDate, dayNumber } from './calendar.js';
import { normalize } from './normalize.js';
import type { NormalConsent, NormalInput, NormalPerson, NormalPolicy } from './normalize.js';
import type { EvaluateInput, Reason, Verdict, Warning } from './types.js';
import { Coverage, LegalBasis, ReasonCode, Status, WarningCode } from './vocabulary.js';
import type { ReasonCode as ReasonCodeT } from './vocabulary.js';

/** A tagged person with the instants that matter for them, computed once per evaluation. */
interface Subject {
  id: string;
  relevant: boolean;
  record: NormalPerson | undefined;
  /** From this instant the person needs no consent (deceased beyond protection). */
  releasedAt: number | undefined;
  consents: readonly Grant[];
}

/** An applying consent with its validity as instants. */
interface Grant {
  consent: NormalConsent;
  kindAccepted: boolean;
  signaturesFit: boolean;
  start: number;
  end: number | undefined;
}

/** The rules of one basis, seen as a function of time for the asked channel. */
interface Timeline {
  approvedAt(t: number): boolean;
  /** Instants after which approvedAt may answer differently. */
  events: number[];
}

const OBJECTION_BASES: ReadonlySet<string> = new Set([
  LegalBasis.legitimateInterest,
  LegalBasis.publicTask,
]);
const UNCONDITIONAL_BASES: ReadonlySet<string> = new Set([
  LegalBasis.noIdentifiablePersons,
  LegalBasis.artisticJournalistic,
  LegalBasis.contract,
]);

/** The verdict for `input.asset` in `input.channel` at `input.now`; throws InvalidInputError. */
export function evaluate(input: EvaluateInput): Verdict {
  return decide(normalize(input));
}

function decide(n: NormalInput): Verdict {
  const { asset, policy } = n;
  if (asset.basis === LegalBasis.unassessed) return refused(ReasonCode.noLegalBasis);
  if (!policy.legalBases.has(asset.basis)) return refused(ReasonCode.legalBasisNotPermitted);
  if (UNCONDITIONAL_BASES.has(asset.basis))
    return withTimeline(n, always, [...policy.channels], [], Coverage.notRequired, []);
  if (asset.basis === LegalBasis.externalAgreement) return licensed(n);
  const subjects = subjectsOf(n);
  if (OBJECTION_BASES.has(asset.basis)) return objectionable(n, subjects);
  return consented(n, subjects);
}

const always: Timeline = { approvedAt: () => true, events: [] };

function refused(code: ReasonCodeT): Verdict {
  return {
    status: Status.blocked,
    channels: [],
    approvedUntil: null,
    nextCheckAt: null,
    coverage: Coverage.notRequired,
    reasons: [{ code }],
    warnings: [],
  };
}

/** Turns the state at now and the timeline of the asked channel into a verdict (§4, §6). */
function withTimeline(
  n: NormalInput,
  timeline: Timeline,
  channels: string[],
  reasons: Reason[],
  coverage: Coverage,
  warnings: Warning[],
): Verdict {
  const { now, policy } = n;
  const events = timeline.events.filter((t) => t > now).sort((a, b) => a - b);
  const approved = channels.includes(n.channel);
  let status: Status = approved ? Status.approved : Status.blocked;
  let approvedUntil: number | undefined;
  let nextCheckAt: number | undefined;
  if (approved) {
    approvedUntil = events.find((t) => !timeline.approvedAt(t));
    if (approvedUntil !== undefined) {
      // Expiring from the start of the day warnDays before the last approved day.
      const lastDay = policy.zone.dateOf(approvedUntil - 1);
      const warnFrom = policy.zone.startOf(lastDay - policy.warnDays);
      if (now >= warnFrom) {
        status = Status.expiring;
        nextCheckAt = approvedUntil;
      } else {
        nextCheckAt = warnFrom;
      }
    }
  } else {
    nextCheckAt = events.find((t) => timeline.approvedAt(t));
  }
  return {
    status,
    channels,
    approvedUntil: approvedUntil === undefined ? null : new Date(approvedUntil).toISOString(),
    nextCheckAt: nextCheckAt === undefined ? null : new Date(nextCheckAt).toISOString(),
    coverage,
    reasons: approved ? [] : reasons,
    warnings,
  };
}

// ---- external_agreement (§2, §4) -------------------------------------------------------------

function licensed(n: NormalInput): Verdict {
  const { policy, channel, now } = n;
  const license = n.asset.license;
  const end =
    license?.untilDay === undefined ? undefined : policy.zone.startOf(license.untilDay + 1);
  const covered = license?.channels
    ? [...policy.channels].filter((c) => license.channels?.has(c))
    : [...policy.channels];
  const runs = (t: number) => end === undefined || t < end;
  const reasons: Reason[] = [];
  if (!runs(now)) reasons.push({ code: ReasonCode.licenseExpired });
  if (!covered.includes(channel)) reasons.push({ code: ReasonCode.licenseChannelNotGranted });
  const timeline: Timeline = {
    approvedAt: (t) => runs(t) && covered.includes(channel),
    events: end === undefined ? [] : [end],
  };
  return withTimeline(n, timeline, runs(now) ? covered : [], reasons, Coverage.notRequired, []);
}

// ---- persons (§3) ----------------------------------------------------------------------------

function subjectsOf(n: NormalInput): Subject[] {
  const { policy, asset } = n;
  const byPerson = new Map<string, NormalConsent[]>();
  for (const consent of n.consents) {
    if (!asset.tags.has(consent.personId)) continue;
    if (consent.assetIds !== null && !consent.assetIds.has(asset.id)) continue;
    const list = byPerson.get(consent.personId);
    if (list) list.push(consent);
    else byPerson.set(consent.personId, [consent]);
  }
  const subjects: Subject[] = [];
  for (const [id, relevant] of asset.tags) {
    const record = n.persons.get(id);
    subjects.push({
      id,
      relevant,
      record,
      releasedAt: releasedAt(record, policy),
      consents: (byPerson.get(id) ?? []).map((consent) => grantOf(consent, record, policy)),
    });
  }
  return subjects;
}

/** When a deceased person's protection ends (§3; KUG §22 with BGB §§187–188, åndsverkloven §104). */
function releasedAt(person: NormalPerson | undefined, policy: NormalPolicy): number | undefined {
  const died = person?.deceasedDay;
  if (died === undefined) return undefined;
  if (policy.postMortemYears === 0) return policy.zone.startOf(died);
  if (policy.postMortemFromYearEnd) {
    return policy.zone.startOf(dayNumber(civilDate(died).year + policy.postMortemYears + 1, 1, 1));
  }
  return policy.zone.startOf(addYears(died, policy.postMortemYears) + 1);
}

function grantOf(
  consent: NormalConsent,
  person: NormalPerson | undefined,
  policy: NormalPolicy,
): Grant {
  return {
    consent,
    kindAccepted: policy.consentKinds.has(consent.kind),
    signaturesFit: signaturesFit(consent, person, policy),
    start: policy.zone.startOf(consent.fromDay),
    end: consent.untilDay === undefined ? undefined : policy.zone.startOf(consent.untilDay + 1),
  };
}

/** §3.4: the signatures must fit the person's age on validFrom; no birth date means an adult. */
function signaturesFit(
  consent: NormalConsent,
  person: NormalPerson | undefined,
  policy: NormalPolicy,
): boolean {
  if (person?.birthDay === undefined) return consent.signedBySubject;
  const age = ageOn(person.birthDay, consent.fromDay);
  if (age < policy.guardianConsentUntilAge) {
    const needed = person.guardians ?? policy.guardiansRequired;
    if (consent.signedByGuardians < needed) return false;
  }
  if (age >= policy.ownConsentAge && !consent.signedBySubject) return false;
  return true;
}

function isRequired(subject: Subject, t: number): boolean {
  return subject.relevant && (subject.releasedAt === undefined || t < subject.releasedAt);
}

function whollyRevoked(consent: NormalConsent, t: number): boolean {
  return consent.revocations.some((r) => r.channels === null && r.at <= t);
}

function channelRevoked(consent: NormalConsent, channel: string, t: number): boolean {
  return consent.revocations.some(
    (r) => r.at <= t && (r.channels === null || r.channels.has(channel)),
  );
}

/** Valid at t (§3.1–3.4) and not withdrawn as a whole. */
function isValid(grant: Grant, t: number): boolean {
  return (
    grant.kindAccepted &&
    grant.signaturesFit &&
    t >= grant.start &&
    (grant.end === undefined || t < grant.end) &&
    !whollyRevoked(grant.consent, t)
  );
}

function grants(grant: Grant, channel: string, t: number): boolean {
  return (
    isValid(grant, t) &&
    grant.consent.channels.has(channel) &&
    !channelRevoked(grant.consent, channel, t)
  );
}

/** The code of the first check the consent fails for the channel at t (§6 table), if any. */
function failure(grant: Grant, channel: string, t: number): ReasonCodeT | undefined {
  if (!grant.kindAccepted) return ReasonCode.consentKindNotAccepted;
  if (!grant.signaturesFit) return ReasonCode.guardianConsentRequired;
  if (whollyRevoked(grant.consent, t)) return ReasonCode.consentRevoked;
  if (!grant.consent.channels.has(channel)) return ReasonCode.channelNotGranted;
  if (t < grant.start) return ReasonCode.consentNotYetValid;
  if (grant.end !== undefined && t >= grant.end) return ReasonCode.consentExpired;
  if (channelRevoked(grant.consent, channel, t)) return ReasonCode.consentRevoked;
  return undefined;
}

/** Union of the channels the person's valid consents grant at t, in policy order. */
function channelsOf(subject: Subject, policy: NormalPolicy, t: number): Set<string> {
  const granted = new Set<string>();
  for (const channel of policy.channels) {
    if (subject.consents.some((grant) => grants(grant, channel, t))) granted.add(channel);
  }
  return granted;
}

function personReasons(subject: Subject, channel: string, t: number): Reason[] {
  if (subject.consents.length === 0) return [{ code: ReasonCode.noConsent, personId: subject.id }];
  const codes = new Set<ReasonCodeT>();
  for (const grant of subject.consents) {
    const code = failure(grant, channel, t);
    if (code === undefined) return [];
    codes.add(code);
  }
  return [...codes].map((code) => ({ code, personId: subject.id }));
}

function personEvents(subjects: readonly Subject[]): number[] {
  const events: number[] = [];
  for (const subject of subjects) {
    if (subject.releasedAt !== undefined) events.push(subject.releasedAt);
    for (const grant of subject.consents) {
      events.push(grant.start);
      if (grant.end !== undefined) events.push(grant.end);
      for (const revocation of grant.consent.revocations) events.push(revocation.at);
    }
  }
  return events;
}

// ---- legitimate_interest, public_task (§2, §5) ----------------------------------------------

function objectionable(n: NormalInput, subjects: readonly Subject[]): Verdict {
  const objected = (s: Subject, t: number) =>
    s.record?.objectedAt !== undefined && s.record.objectedAt <= t;
  const blocks = (s: Subject, t: number) =>
    isRequired(s, t) && (s.record?.protectedIdentity === true || objected(s, t));
  const reasons: Reason[] = [];
  for (const s of subjects) {
    if (!isRequired(s, n.now)) continue;
    if (s.record?.protectedIdentity)
      reasons.push({ code: ReasonCode.protectedIdentity, personId: s.id });
    if (objected(s, n.now)) reasons.push({ code: ReasonCode.objection, personId: s.id });
  }
  const timeline: Timeline = {
    approvedAt: (t) => !subjects.some((s) => blocks(s, t)),
    events: subjects.flatMap((s) =>
      [s.releasedAt, s.record?.objectedAt].filter((t) => t !== undefined),
    ),
  };
  const channels = reasons.length === 0 ? [...n.policy.channels] : [];
  return withTimeline(n, timeline, channels, reasons, Coverage.notRequired, []);
}

// ---- consent, deceased_only (§3, §4) --------------------------------------------------------

function consented(n: NormalInput, subjects: readonly Subject[]): Verdict {
  const { policy, channel, now } = n;
  if (subjects.length === 0) {
    if (n.asset.basis === LegalBasis.deceasedOnly) {
      return withTimeline(n, always, [...policy.channels], [], Coverage.notRequired, []);
    }
    return refused(ReasonCode.personsNotIdentified);
  }

  const approvedAt = (t: number) =>
    subjects.every(
      (s) =>
        !isRequired(s, t) ||
        (!s.record?.protectedIdentity && s.consents.some((g) => grants(g, channel, t))),
    );

  const required = subjects.filter((s) => isRequired(s, now));
  let effective = new Set(policy.channels);
  const reasons: Reason[] = [];
  let covered = 0;
  for (const s of required) {
    const own = channelsOf(s, policy, now);
    if (own.size > 0) covered++;
    effective = s.record?.protectedIdentity
      ? new Set()
      : new Set([...effective].filter((c) => own.has(c)));
    if (s.record?.protectedIdentity)
      reasons.push({ code: ReasonCode.protectedIdentity, personId: s.id });
    if (!own.has(channel)) reasons.push(...personReasons(s, channel, now));
  }

  const coverage =
    required.length === 0
      ? Coverage.notRequired
      : covered === required.length
        ? Coverage.complete
        : covered === 0
          ? Coverage.none
          : Coverage.partial;
  const warnings: Warning[] =
    required.length === 0 && n.asset.basis === LegalBasis.consent
      ? [{ code: WarningCode.allPersonsIrrelevant }]
      : [];
  const timeline: Timeline = { approvedAt, events: personEvents(subjects) };
  return withTimeline(
    n,
    timeline,
    policy.channels.filter((c) => effective.has(c)),
    reasons,
    coverage,
    warnings,
  );
}
