// Matching a team's members to the roster (services/teamReach.ts): who the bot may start a chat with.
import type { Person } from '../../src/domain/people';
import { matchMembersToRoster, type TeamMember } from '../../src/services/teamReach';

const person = (id: string, aadObjectId: string | null = null): Person => ({ id, email: id, name: id, aadObjectId, roles: ['head_of_service'], teams: ['North'] });
const member = (teamsUserId: string, aadObjectId: string | null, email: string | null): TeamMember => ({ teamsUserId, aadObjectId, email });

describe('matching team members to the roster', () => {
  test('a member is matched by Entra object id, whatever email Teams gives', () => {
    const hana = person('hana@example.org', 'aaaaaaaa-0000-0000-0000-000000000001');
    const [match] = matchMembersToRoster([member('29:hana', 'AAAAAAAA-0000-0000-0000-000000000001', 'h.head@other.example')], [hana]);
    expect(match).toEqual({ person: hana, member: expect.objectContaining({ teamsUserId: '29:hana' }) });
  });

  test('a member is matched by email (UPN) when the roster entry is not linked to a Teams user yet, whatever the case', () => {
    const harry = person('harry.hos@example.org');
    expect(matchMembersToRoster([member('29:harry', 'bbbbbbbb-0000-0000-0000-000000000002', ' Harry.HOS@Example.org ')], [harry])).toHaveLength(1);
  });

  test('a roster entry linked to one Teams user is never matched to another by email', () => {
    const hana = person('hana@example.org', 'aaaaaaaa-0000-0000-0000-000000000001');
    expect(matchMembersToRoster([member('29:guest', 'cccccccc-0000-0000-0000-000000000003', 'hana@example.org')], [hana])).toEqual([]);
  });

  test('a guest, an anonymous member or a member of another tenant is never matched, even by object id', () => {
    const hana = person('hana@example.org', 'aaaaaaaa-0000-0000-0000-000000000001');
    const harry = person('harry@example.org');
    const guest = { ...member('29:g', null, 'harry@example.org'), userRole: 'guest' };
    const anonymous = { ...member('29:a', 'aaaaaaaa-0000-0000-0000-000000000001', null), userRole: 'anonymous' };
    const elsewhere = { ...member('29:e', null, 'harry@example.org'), userRole: 'user', tenantId: 'other-tenant' };
    expect(matchMembersToRoster([guest, anonymous, elsewhere], [hana, harry], 'our-tenant')).toEqual([]);
    expect(matchMembersToRoster([{ ...elsewhere, tenantId: 'OUR-TENANT' }], [hana, harry], 'our-tenant')).toHaveLength(1);
  });

  test('members not on the roster, and members without a Teams user id, are left out', () => {
    expect(matchMembersToRoster([member('29:x', null, 'stranger@example.org'), member('', null, 'hana@example.org')], [person('hana@example.org')])).toEqual([]);
  });

  test('a person listed twice (two accounts with their email) is matched once, to the first', () => {
    const matches = matchMembersToRoster([member('29:one', null, 'hana@example.org'), member('29:two', null, 'hana@example.org')], [person('hana@example.org')]);
    expect(matches.map((m) => m.member.teamsUserId)).toEqual(['29:one']);
  });
});
