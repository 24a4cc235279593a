/** The commune's directory: people with roles and scopes, units and councils. */
import { Schema, type Connection, type Model } from 'mongoose';
import type { Role } from '../contracts/initiative';
import type { CouncilMember } from '../domain/council';
import { foldVietnamese } from '../domain/text';

/** A person who can sign in. */
export interface PersonRecord {
  _id: string;
  username: string;
  fullName: string;
  fullNameFolded: string;
  passwordHash: string;
  roles: Role[];
  unitIds: string[];
  councilIds: string[];
  active: boolean;
  createdAt: Date;
  /** Where e-mail notifications go (null: none). */
  email?: string | null;
  /** A telephone number a webhook bridge (Zalo OA, SMS) can address (null: none). */
  phone?: string | null;
  /** How the person hears of their notifications on each channel (absent: immediately). */
  notify?: Partial<Record<Channel, DeliveryMode>>;
}

/** The channels a notification reaches people through, besides the app itself. */
export const CHANNELS = ['email', 'webhook'] as const;
export type Channel = (typeof CHANNELS)[number];
/** At once, in one mail a day, or not at all. */
export const DELIVERY_MODES = ['IMMEDIATE', 'DIGEST', 'OFF'] as const;
export type DeliveryMode = (typeof DELIVERY_MODES)[number];

/** A person's mode on a channel. */
export function modeOf(p: Pick<PersonRecord, 'notify'>, channel: Channel): DeliveryMode {
  return p.notify?.[channel] ?? 'IMMEDIATE';
}

/** A unit of the commune. */
export interface UnitRecord {
  _id: string;
  name: string;
  kind: 'OFFICE' | 'SCHOOL' | 'HEALTH_STATION' | 'RESIDENTIAL_AREA' | 'ORGANISATION';
  createdAt: Date;
  /** A closed unit takes no new filings; its cases, people and numbers stay as they were. */
  closedAt?: Date | null;
  closedReason?: string | null;
  /** Names it had before a rename, with when each stopped being used. */
  formerNames?: { name: string; until: Date }[];
}

/** A council (standing council of a year, or one formed for a case). */
export interface CouncilRecord {
  _id: string;
  name: string;
  year: number;
  members: CouncilMember[];
  createdAt: Date;
}

const personSchema = new Schema<PersonRecord>(
  {
    _id: { type: String, required: true },
    username: { type: String, required: true, unique: true },
    fullName: { type: String, required: true },
    fullNameFolded: { type: String, required: true },
    passwordHash: { type: String, required: true },
    roles: { type: [String], required: true },
    unitIds: { type: [String], default: [] },
    councilIds: { type: [String], default: [] },
    active: { type: Boolean, default: true },
    createdAt: { type: Date, required: true },
    email: { type: String, default: null },
    phone: { type: String, default: null },
    notify: { type: Schema.Types.Mixed, default: {} },
  },
  { collection: 'people', versionKey: false, minimize: false },
);
const unitSchema = new Schema<UnitRecord>(
  {
    _id: { type: String, required: true },
    name: { type: String, required: true },
    kind: { type: String, required: true },
    createdAt: { type: Date, required: true },
    closedAt: { type: Date, default: null },
    closedReason: { type: String, default: null },
    formerNames: { type: Schema.Types.Mixed, default: [] },
  },
  { collection: 'units', versionKey: false },
);
const councilSchema = new Schema<CouncilRecord>(
  {
    _id: { type: String, required: true },
    name: { type: String, required: true },
    year: { type: Number, required: true },
    members: { type: Schema.Types.Mixed, required: true },
    createdAt: { type: Date, required: true },
  },
  { collection: 'councils', versionKey: false },
);

function model<T>(conn: Connection, name: string, schema: Schema<T>): Model<T> {
  return (conn.models[name] as Model<T> | undefined) ?? conn.model<T>(name, schema);
}

/** Repository of people, units and councils. */
export class DirectoryRepository {
  readonly people: Model<PersonRecord>;
  readonly units: Model<UnitRecord>;
  readonly councils: Model<CouncilRecord>;

  constructor(conn: Connection) {
    this.people = model(conn, 'Person', personSchema);
    this.units = model(conn, 'Unit', unitSchema);
    this.councils = model(conn, 'Council', councilSchema);
  }

  /** Adds a person; the folded name serves diacritic-insensitive search. */
  async addPerson(
    p: Omit<PersonRecord, 'fullNameFolded' | 'createdAt' | 'active'> & { active?: boolean },
  ): Promise<PersonRecord> {
    const doc = await this.people.create({
      ...p,
      fullNameFolded: foldVietnamese(p.fullName),
      active: p.active ?? true,
      createdAt: new Date(),
    });
    return doc.toObject();
  }

  /** A person by username (sign-in), or null. */
  byUsername(username: string): Promise<PersonRecord | null> {
    return this.people
      .findOne({ username: { $eq: username } })
      .lean<PersonRecord>()
      .exec();
  }

  /** Council members with their names from the directory, and the ids the directory does not know. */
  async nameMembers(
    members: readonly { personId: string; position: CouncilMember['position'] }[],
  ): Promise<{ members: CouncilMember[]; unknown: string[] }> {
    const people = await this.people
      .find({ _id: { $in: members.map((m) => m.personId) } }, { fullName: 1 })
      .lean<Pick<PersonRecord, '_id' | 'fullName'>[]>()
      .exec();
    const named = new Map(people.map((p) => [p._id, p.fullName]));
    return {
      members: members.flatMap((m) => {
        const fullName = named.get(m.personId);
        return fullName ? [{ personId: m.personId, fullName, position: m.position }] : [];
      }),
      unknown: members.filter((m) => !named.has(m.personId)).map((m) => m.personId),
    };
  }

  /** A person by id, or null. */
  byId(id: string): Promise<PersonRecord | null> {
    return this.people.findById(id).lean<PersonRecord>().exec();
  }
}
