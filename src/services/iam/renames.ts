/**
 * UpdateUser and UpdateGroup can change a name and a path; the new ARN follows. Records refer to
 * each other by name, so a rename rewrites the references: group members and a user's groups,
 * managed policies' attachments and boundary usage, MFA devices and the login profile, and the user's access keys (whose principal
 * ARN must follow the user). Unique ids stay (recorded: the UserId survives a rename).
 */
import { updateUserAccessKey } from '../../auth/credentials.js';
import { entityArn } from './arns.js';
import { BOUNDARY_FIELD, USAGE_FIELD } from './attach.js';
import { renamedInUsage, updateUsage } from './managed.js';
import { devicesOf } from './mfa.js';
import type { GroupRecord, IamState, UserRecord } from './state.js';
import type { WriteTx } from '../../store/store.js';

export async function renameUser(tx: WriteTx, s: IamState, u: UserRecord, name: string, path: string): Promise<UserRecord> {
  const next: UserRecord = { ...u, name, path, arn: entityArn(s.account, 'user', path, name) };
  s.remove('user', u.name);
  s.put('user', next);
  if (name !== u.name) {
    for (const g of u.groups) {
      const group = await s.get('group', g);
      if (group !== undefined) s.put('group', { ...group, members: group.members.map((m) => (m === u.name ? name : m)) });
    }
    for (const arn of u.attached) await updateUsage(s, arn, (x) => renamedInUsage(x, USAGE_FIELD.user, u.name, name));
    if (u.boundary !== undefined) await updateUsage(s, u.boundary, (x) => renamedInUsage(x, BOUNDARY_FIELD.user, u.name, name));
    for (const d of await devicesOf(s, u.name)) s.put('mfa', { ...d, user: name });
    const login = await s.get('login-profile', u.name);
    if (login !== undefined) {
      s.remove('login-profile', u.name);
      s.put('login-profile', { ...login, name });
    }
  }
  for (const id of u.accessKeys) await updateUserAccessKey(tx, id, { userName: name, userPath: path });
  return next;
}

export async function renameGroup(s: IamState, g: GroupRecord, name: string, path: string): Promise<GroupRecord> {
  const next: GroupRecord = { ...g, name, path, arn: entityArn(s.account, 'group', path, name) };
  s.remove('group', g.name);
  s.put('group', next);
  if (name !== g.name) {
    for (const m of g.members) {
      const user = await s.get('user', m);
      if (user !== undefined) s.put('user', { ...user, groups: user.groups.map((x) => (x === g.name ? name : x)) });
    }
    for (const arn of g.attached) await updateUsage(s, arn, (x) => renamedInUsage(x, USAGE_FIELD.group, g.name, name));
  }
  return next;
}
