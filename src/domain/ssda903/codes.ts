// SSDA903 code lists as data, each code with a plain-English label a social worker would
// recognise. Source: DOMAIN.md "SSDA903: the national data behind the measure". The labels are
// ours; they explain the DfE codes, they do not replace the DfE guidance.

/** A code list: code -> plain-English label. */
export type CodeList = Readonly<Record<string, string>>;

/** RNE: why a new episode started. */
export const RNE = {
  S: 'Started to be looked after',
  L: 'Change of legal status only',
  P: 'Change of placement and carer',
  T: 'Change of placement, same carer (for example the carer moved house, or the child was placed for adoption with their current carers)',
  B: 'Change of legal status and of placement and carer on the same day',
  U: 'Change of legal status and of placement, same carer',
} as const satisfies CodeList;
export type RneCode = keyof typeof RNE;

/** PLACE: the type of placement. */
export const PLACE = {
  U1: 'Foster care with a relative or friend: long-term fostering',
  U2: 'Foster care with a relative or friend who is also an approved adopter (fostering for adoption)',
  U3: 'Foster care with a relative or friend: other',
  U4: 'Foster care with another foster carer: long-term fostering',
  U5: 'Foster care with another foster carer who is also an approved adopter (fostering for adoption)',
  U6: 'Foster care with another foster carer: other',
  A3: 'Placed for adoption with parental consent, with the current foster carer',
  A4: 'Placed for adoption with parental consent, not with the current foster carer',
  A5: 'Placed for adoption under a placement order, with the current foster carer',
  A6: 'Placed for adoption under a placement order, not with the current foster carer',
  K1: "Secure children's home",
  K2: "Children's home",
  K3: 'Registered supported accommodation',
  H5: 'Semi-independent living (used in older years)',
  P1: 'Placed with parents or another person with parental responsibility',
  P2: 'Independent living (flat, lodgings, bedsit and the like)',
  P3: 'Residential employment',
  R1: 'Residential care home',
  R2: 'NHS or other health setting providing medical or nursing care',
  R3: 'Family centre or mother and baby unit',
  R5: 'Young offender institution or prison',
  S1: 'Residential school',
  T0: 'Temporary placement (other)',
  T1: 'Temporary placement: in hospital',
  T2: 'Temporary placement: child on holiday',
  T3: 'Temporary placement: while the usual carer is on holiday',
  T4: 'Temporary placement: seven days or less, for another reason',
  Z1: 'Other placement',
  // From 2025-26 the four Z1x codes replace H5, P2 and Z1; until the DfE guide for that year is
  // to hand we describe them only as that.
  Z11: 'Other arrangement (2025-26 code that replaces H5, P2 and Z1)',
  Z12: 'Other arrangement (2025-26 code that replaces H5, P2 and Z1)',
  Z13: 'Other arrangement (2025-26 code that replaces H5, P2 and Z1)',
  Z14: 'Other arrangement (2025-26 code that replaces H5, P2 and Z1)',
} as const satisfies CodeList;
export type PlaceCode = keyof typeof PLACE;

/** The temporary placement types: they start no placement spell (Counting moves rule 2a). */
export const TEMPORARY_PLACES: readonly PlaceCode[] = ['T0', 'T1', 'T2', 'T3', 'T4'];

/** PLACE_PROVIDER: who provides the placement. */
export const PLACE_PROVIDER = {
  PR0: 'Parent(s) or other person with parental responsibility',
  PR1: 'Own provision by the local authority',
  PR2: 'Provision by another local authority',
  PR3: 'Other public provision (for example the NHS)',
  PR4: 'Private provision',
  PR5: 'Voluntary or third sector provision',
} as const satisfies CodeList;
export type PlaceProviderCode = keyof typeof PLACE_PROVIDER;

/** REASON_PLACE_CHANGE: why the placement ended; recorded on the episode that ends. */
export const REASON_PLACE_CHANGE = {
  CARPL: 'Planned move: a change to, or carrying out of, the care plan',
  CLOSE: 'The carer resigned or the setting closed',
  ALLEG: 'An allegation was made (section 47 enquiry)',
  STAND: 'Concern about the standard of care',
  APPRR: "The carer's approval or the setting's registration was removed",
  CREQB: "The carer asked for the placement to end because of the child's behaviour",
  CREQO: 'The carer asked for the placement to end for another reason',
  CHILD: 'The child asked for the placement to end',
  LAREQ: "The council asked for it to end: the placement no longer meets the child's needs",
  PLACE: 'Change of placement status only (same carer)',
  CUSTOD: 'The child was admitted to custody',
  OTHER: 'Other: exceptional cases only (check whether another code fits first)',
} as const satisfies CodeList;
export type ReasonPlaceChangeCode = keyof typeof REASON_PLACE_CHANGE;

/** REC: why the episode ceased. X1 means care continues in a new episode; E-codes end the care. */
export const REC = {
  X1: 'Episode ended and a new one started the same day (still looked after)',
  E11: 'Adopted: the adoption order application was not opposed',
  E12: 'Adopted: the court dispensed with consent',
  E13: 'Left care to live with a parent, relative or other person without parental responsibility',
  E2: 'Died',
  E3: 'Care taken over by another local authority',
  E4A: 'Returned home to parents or others with parental responsibility, as part of the care plan',
  E4B: 'Returned home to parents or others with parental responsibility, not as part of the care plan',
  E41: 'Residence order or child arrangements order granted',
  E45: 'Special guardianship order made to former foster carers who are relatives or friends',
  E46: 'Special guardianship order made to former foster carers who are not relatives or friends',
  E47: 'Special guardianship order made to other carers who are relatives or friends',
  E48: 'Special guardianship order made to other carers who are not relatives or friends',
  E5: 'Moved into independent living with supportive accommodation',
  E6: 'Moved into independent living without formal support',
  E7: 'Transferred to residential care funded by adult social care',
  E9: 'Sentenced to custody',
  E14: 'Accommodation on remand ended',
  E15: 'Age assessment found the young person to be 18 or over',
  E16: 'Moved abroad',
  E17: 'Turned 18 and stayed with the current carers (staying put)',
  E8: 'Care ended for another reason',
} as const satisfies CodeList;
export type RecCode = keyof typeof REC;

/** LS: the legal status under which the child is looked after. */
export const LS = {
  C1: 'Interim care order',
  C2: 'Care order',
  D1: 'Freeing order',
  E1: 'Placement order',
  V2: 'Accommodated by agreement (section 20)',
  V3: 'Short breaks: each stay recorded as an episode',
  V4: 'Short breaks: the agreement recorded, not each stay',
  L1: 'Police protection, in council accommodation',
  L2: 'Emergency protection order',
  L3: 'Child assessment order, in council accommodation',
  J1: 'Remanded to council or youth detention accommodation',
  J2: 'Detained in council accommodation under PACE',
  J3: 'Youth rehabilitation order with a residence or intensive fostering requirement',
} as const satisfies CodeList;
export type LegalStatusCode = keyof typeof LS;

/** Short breaks: these children are left out of both measures (Counting moves rule 4). */
export const SHORT_BREAK_LEGAL_STATUSES: readonly LegalStatusCode[] = ['V3', 'V4'];

/** CIN: the child's category of need. */
export const CIN = {
  N1: 'Abuse or neglect',
  N2: "Child's disability",
  N3: 'Parental illness or disability',
  N4: 'Family in acute stress',
  N5: 'Family dysfunction',
  N6: 'Socially unacceptable behaviour',
  N7: 'Low income',
  N8: 'Absent parenting',
} as const satisfies CodeList;
export type CinCode = keyof typeof CIN;

function isIn<L extends CodeList>(list: L, code: string | null | undefined): code is keyof L & string {
  return typeof code === 'string' && Object.hasOwn(list, code);
}

export const isKnownRne = (code: string | null | undefined): code is RneCode => isIn(RNE, code);
export const isKnownPlace = (code: string | null | undefined): code is PlaceCode => isIn(PLACE, code);
export const isKnownPlaceProvider = (code: string | null | undefined): code is PlaceProviderCode => isIn(PLACE_PROVIDER, code);
export const isKnownReasonPlaceChange = (code: string | null | undefined): code is ReasonPlaceChangeCode => isIn(REASON_PLACE_CHANGE, code);
export const isKnownRec = (code: string | null | undefined): code is RecCode => isIn(REC, code);
export const isKnownLegalStatus = (code: string | null | undefined): code is LegalStatusCode => isIn(LS, code);
export const isKnownCin = (code: string | null | undefined): code is CinCode => isIn(CIN, code);

/** T0-T4: a temporary placement, which is never a placement move of its own (rule 2a). */
export function isTemporaryPlacement(place: string | null | undefined): boolean {
  return typeof place === 'string' && (TEMPORARY_PLACES as readonly string[]).includes(place);
}

/** V3/V4: short-break legal statuses, left out of both measures (rule 4). */
export function isShortBreakLegalStatus(ls: string | null | undefined): boolean {
  return typeof ls === 'string' && (SHORT_BREAK_LEGAL_STATUSES as readonly string[]).includes(ls);
}

/** "U4: Foster care with another foster carer: long-term fostering", or a clear note for an unknown code. */
export function describeCode(list: CodeList, code: string | null | undefined): string {
  if (code === null || code === undefined || code === '') return '(blank)';
  return isIn(list, code) ? `${code}: ${list[code]}` : `${code}: not a recognised code`;
}

// The same lists under descriptive names, typed for lookup by any string (other modules look codes
// up from user input: `PLACEMENT_TYPES[code] ?? code`).
export const PLACEMENT_TYPES: CodeList = PLACE;
export const PLACEMENT_PROVIDERS: CodeList = PLACE_PROVIDER;
export const PLACE_CHANGE_REASONS: CodeList = REASON_PLACE_CHANGE;
export const EPISODE_END_REASONS: CodeList = REC;
export const LEGAL_STATUSES: CodeList = LS;
export const NEW_EPISODE_REASONS: CodeList = RNE;
export const CATEGORIES_OF_NEED: CodeList = CIN;
