import {
  LS,
  PLACE,
  PLACE_PROVIDER,
  REASON_PLACE_CHANGE,
  REC,
  RNE,
  describeCode,
  isKnownPlace,
  isKnownReasonPlaceChange,
  isKnownRne,
  isShortBreakLegalStatus,
  isTemporaryPlacement,
} from '../../../src/domain/ssda903/codes';

describe('SSDA903 code lists', () => {
  test('hold every code DOMAIN.md lists, each with a label', () => {
    expect(Object.keys(RNE).sort()).toEqual(['B', 'L', 'P', 'S', 'T', 'U']);
    expect(Object.keys(PLACE_PROVIDER)).toEqual(['PR0', 'PR1', 'PR2', 'PR3', 'PR4', 'PR5']);
    expect(Object.keys(REASON_PLACE_CHANGE).sort()).toEqual(['ALLEG', 'APPRR', 'CARPL', 'CHILD', 'CLOSE', 'CREQB', 'CREQO', 'CUSTOD', 'LAREQ', 'OTHER', 'PLACE', 'STAND']);
    const places = 'U1 U2 U3 U4 U5 U6 A3 A4 A5 A6 K1 K2 K3 H5 P1 P2 P3 R1 R2 R3 R5 S1 T0 T1 T2 T3 T4 Z1 Z11 Z12 Z13 Z14';
    expect(Object.keys(PLACE).sort()).toEqual(places.split(' ').sort());
    for (const code of ['X1', 'E11', 'E12', 'E13', 'E2', 'E3', 'E4A', 'E4B', 'E41', 'E45', 'E46', 'E47', 'E48', 'E5', 'E6', 'E7', 'E9', 'E14', 'E15', 'E16', 'E17', 'E8']) {
      expect(REC).toHaveProperty(code);
    }
    for (const code of ['C1', 'C2', 'D1', 'E1', 'V2', 'V3', 'V4', 'L1', 'L2', 'L3', 'J1', 'J2', 'J3']) {
      expect(LS).toHaveProperty(code);
    }
    const lists = [RNE, PLACE, PLACE_PROVIDER, REASON_PLACE_CHANGE, REC, LS];
    for (const list of lists) for (const label of Object.values(list)) expect(label.length).toBeGreaterThan(3);
  });

  test.each([
    ['T0', true],
    ['T1', true],
    ['T4', true],
    ['U4', false],
    ['K2', false],
    [null, false],
  ])('isTemporaryPlacement(%j) is %j', (place, expected) => {
    expect(isTemporaryPlacement(place)).toBe(expected);
  });

  test('isKnown… answers from the lists, not from the object prototype', () => {
    expect(isKnownRne('P')).toBe(true);
    expect(isKnownRne('X')).toBe(false);
    expect(isKnownRne('toString')).toBe(false);
    expect(isKnownPlace('Z12')).toBe(true);
    expect(isKnownPlace('T5')).toBe(false);
    expect(isKnownReasonPlaceChange('CUSTOD')).toBe(true);
  });

  test('V3 and V4 are the short-break legal statuses', () => {
    expect(['V2', 'V3', 'V4', 'C2'].filter(isShortBreakLegalStatus)).toEqual(['V3', 'V4']);
  });

  test('describeCode gives a readable line, and says so when a code is not recognised', () => {
    expect(describeCode(REASON_PLACE_CHANGE, 'CREQB')).toMatch(/^CREQB: The carer asked .*behaviour/);
    expect(describeCode(REASON_PLACE_CHANGE, 'XYZ')).toBe('XYZ: not a recognised code');
    expect(describeCode(REASON_PLACE_CHANGE, null)).toBe('(blank)');
  });
});
