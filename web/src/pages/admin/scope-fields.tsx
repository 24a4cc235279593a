/** A person's roles and scopes (units, councils) as three groups of checkboxes: in the add and the edit forms. */
import type { Role } from '../../../../src/contracts/initiative';
import { Checks } from '../../components/checks';
import { ROLE_VI } from '../../labels';
import { ALL_ROLES, type Council, type Unit } from './shared';

export function ScopeFields({
  roles,
  setRoles,
  unitIds,
  setUnitIds,
  councilIds,
  setCouncilIds,
  units,
  councils,
  errors,
}: {
  roles: Role[];
  setRoles: (r: Role[]) => void;
  unitIds: string[];
  setUnitIds: (u: string[]) => void;
  councilIds: string[];
  setCouncilIds: (c: string[]) => void;
  units: Unit[];
  councils: Council[];
  errors: Record<string, string>;
}) {
  return (
    <div className="grid scope-grid">
      <Checks
        legend="Vai trò"
        options={ALL_ROLES.map((r) => ({ value: r, label: ROLE_VI[r] }))}
        value={roles}
        onChange={setRoles}
        error={errors['roles']}
      />
      <Checks
        legend="Phạm vi đơn vị"
        hint="Tác giả và thủ trưởng đơn vị chỉ làm việc với hồ sơ của các đơn vị được chọn."
        options={units.map((u) => ({ value: u.id, label: u.name }))}
        value={unitIds}
        onChange={setUnitIds}
        error={errors['unitIds']}
      />
      <Checks
        legend="Phạm vi Hội đồng"
        hint="Thành viên chỉ chấm hồ sơ giao cho Hội đồng được chọn."
        options={councils.map((c) => ({
          value: c.id,
          label: c.name.includes(String(c.year)) ? c.name : `${c.name} (${c.year})`,
        }))}
        value={councilIds}
        onChange={setCouncilIds}
        error={errors['councilIds']}
      />
    </div>
  );
}
