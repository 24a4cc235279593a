/**
 * The official calendar (days off per year), versioned: each publication stores the whole table as it stands then, and
 * is never edited. It is not part of the rule pack a case is pinned to: open cases count working days on the latest
 * version (the gateway signals them), because the government announces next year's days off during the year.
 */
import { Schema, type Connection, type Model } from 'mongoose';
import type { PublishedCalendar } from '../contracts/initiative';
import type { HolidayTable } from '../domain/duration';
import { DEFAULT_RULE_PACK } from '../domain/rule-pack';
import { isDuplicateKeyError } from './cases';

/** One publication of the calendar. */
export interface CalendarVersion extends PublishedCalendar {
  /** The year this publication set or changed. */
  year: string;
  /** The announcement it follows (e.g. "Thông báo số 6150/TB-BNV ngày 24/10/2026 của Bộ Nội vụ"). */
  basis: string;
  publishedAt: Date;
  publishedBy: string;
}

interface StoredCalendar extends Omit<CalendarVersion, 'version'> {
  _id: number;
}

const schema = new Schema<StoredCalendar>(
  {
    _id: { type: Number, required: true },
    holidays: { type: Schema.Types.Mixed, required: true },
    year: { type: String, required: true },
    basis: { type: String, required: true },
    publishedAt: { type: Date, required: true },
    publishedBy: { type: String, required: true },
  },
  { collection: 'calendars', versionKey: false, minimize: false },
);

/** Version 1: the table shipped with the default rule pack, until an administrator publishes another. */
const SHIPPED: CalendarVersion = {
  version: 1,
  holidays: DEFAULT_RULE_PACK.holidays.value,
  year: '',
  basis: DEFAULT_RULE_PACK.holidays.basis.kind === 'legal' ? DEFAULT_RULE_PACK.holidays.basis.source : '',
  publishedAt: new Date(DEFAULT_RULE_PACK.effectiveFrom),
  publishedBy: 'system',
};

/** Repository of calendar versions. */
export class CalendarRepository {
  readonly model: Model<StoredCalendar>;

  constructor(conn: Connection) {
    this.model =
      (conn.models['Calendar'] as Model<StoredCalendar> | undefined) ??
      conn.model<StoredCalendar>('Calendar', schema);
  }

  /** The calendar in force: the latest publication, or the shipped table. */
  async current(): Promise<CalendarVersion> {
    const doc = await this.model.findOne().sort({ _id: -1 }).lean<StoredCalendar>().exec();
    if (!doc) return SHIPPED;
    const { _id, ...rest } = doc;
    return { version: _id, ...rest };
  }

  /**
   * Publishes a year's days off as a new version of the whole table. The same days as now publish nothing and return
   * the current version (so a publication can be sent to the open cases again). Two publications racing for a
   * version number: the loser counts again on top of the winner.
   */
  async publish(
    year: string,
    days: readonly string[],
    basis: string,
    by: string,
  ): Promise<{ calendar: CalendarVersion; changed: boolean }> {
    for (;;) {
      const now = await this.current();
      const sorted = [...new Set(days)].sort();
      if (JSON.stringify(now.holidays[year] ?? null) === JSON.stringify(sorted)) {
        return { calendar: now, changed: false };
      }
      const holidays: HolidayTable = { ...now.holidays, [year]: sorted };
      const next: CalendarVersion = {
        version: now.version + 1,
        holidays,
        year,
        basis,
        publishedAt: new Date(),
        publishedBy: by,
      };
      try {
        const { version, ...rest } = next;
        await this.model.create({ _id: version, ...rest });
        return { calendar: next, changed: true };
      } catch (err) {
        if (!isDuplicateKeyError(err)) throw err;
      }
    }
  }
}
