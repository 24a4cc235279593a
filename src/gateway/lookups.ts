/**
 * The directory look-ups behind the routes: council members and authors named from the directory, the capacity a
 * person signs in, the office term a unit head acts in. Each refuses (4xx) what the directory does not know.
 */
import type { Actor, Author } from '../contracts/initiative';
import type { DirectoryRepository } from '../db/directory';
import type { CouncilMember } from '../domain/council';
import { vnDate } from '../domain/duration';
import { declaredCapacityProblem, type SigningOffice } from '../domain/signing';
import { foldVietnamese } from '../domain/text';
import type { GatewayDeps } from './deps';
import { ProblemError } from './problem';

/** Council members named from the directory; an unknown person is a 422 that names them. */
export async function councilMembers(
  directory: DirectoryRepository,
  members: readonly { personId: string; position: CouncilMember['position'] }[],
): Promise<CouncilMember[]> {
  const named = await directory.nameMembers(members);
  if (named.unknown.length > 0) {
    throw new ProblemError(422, 'UNKNOWN_PERSON', `Không có người dùng mã ${named.unknown.join(', ')}.`);
  }
  return named.members;
}

/** A council's members: the ones given, named from the directory, or else the standing council's. */
export async function standingCouncil(
  deps: GatewayDeps,
  councilId: string,
  given?: { personId: string; position: CouncilMember['position'] }[],
): Promise<CouncilMember[]> {
  if (given) return councilMembers(deps.repos.directory, given);
  const council = await deps.repos.directory.councils.findById(councilId).lean().exec();
  if (!council) throw new ProblemError(422, 'UNKNOWN_COUNCIL', `Không có Hội đồng mã ${councilId}.`);
  return council.members;
}

/** The capacity the person signs in today, from the directory's offices and delegations; refused otherwise. */
export async function signingAs(deps: GatewayDeps, actor: Actor, declared?: SigningOffice) {
  const derived = await deps.repos.offices.authorityOf(actor.personId, vnDate(Date.now()));
  if ('code' in derived) throw new ProblemError(403, derived.code, derived.message);
  const problem = declaredCapacityProblem(declared, derived);
  if (problem) throw new ProblemError(422, 'SIGNER_CAPACITY_MISMATCH', problem);
  return derived;
}

/** A unit head of the case's unit acts in their recorded term; anyone else (an assignee) acts as themselves. */
export async function asUnitHead(deps: GatewayDeps, actor: Actor, unitId: string): Promise<Actor> {
  if (!actor.roles.includes('UNIT_HEAD') || !actor.unitIds.includes(unitId)) return actor;
  const office = await deps.repos.offices.unitHeadOf(actor.personId, unitId, vnDate(Date.now()));
  if (office && 'code' in office) throw new ProblemError(403, office.code, office.message);
  return office ? { ...actor, office } : actor;
}

/**
 * The authors with a person id each: a given id must be a known account or author record of the same name, and an
 * author without one gets a new record. Refused (422, naming the field) when an id is unknown or names someone else.
 */
export async function withAuthorIds(
  deps: GatewayDeps,
  initiativeId: string,
  unitId: string,
  authors: readonly Author[],
): Promise<Author[]> {
  const given = authors.flatMap((a) => (a.personId ? [a.personId] : []));
  const [accounts, records] = await Promise.all([
    deps.repos.directory.people
      .find({ _id: { $in: given } }, { fullName: 1 })
      .lean<{ _id: string; fullName: string }[]>()
      .exec(),
    deps.repos.authors.byIds(given),
  ]);
  const known = new Map([...accounts, ...records].map((p) => [p._id, foldVietnamese(p.fullName)]));
  const errors = authors.flatMap((a, i) => {
    if (!a.personId) return [];
    const name = known.get(a.personId);
    if (name === undefined)
      return [
        { path: `body.authors.${i}.personId`, message: `Không có người mã ${a.personId} trong danh bạ.` },
      ];
    if (name !== foldVietnamese(a.fullName))
      return [
        {
          path: `body.authors.${i}.fullName`,
          message: 'Họ tên không khớp với người đã chọn trong danh bạ; chọn lại hoặc bỏ liên kết.',
        },
      ];
    return [];
  });
  if (errors.length > 0)
    throw new ProblemError(
      422,
      'UNKNOWN_PERSON',
      'Có tác giả không khớp với danh bạ, vui lòng kiểm tra các trường được nêu.',
      { errors },
    );
  return Promise.all(
    authors.map(async (a, i) =>
      a.personId ? a : { ...a, personId: await deps.repos.authors.create(initiativeId, i, a, unitId) },
    ),
  );
}
