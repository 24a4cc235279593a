/** Tasks (who must act on which case, due when) and in-app notifications (src/notify/notifier.ts writes them). */
import { Schema, type Connection, type Model } from 'mongoose';
import type { Actor } from '../contracts/initiative';
import type { TaskDraft } from '../contracts/records';
import { isDuplicateKeyError } from './cases';
import { openWorkOf, type OpenWork } from './open-cases';
import type { InboxItem } from './open-rows';

/** A stored task. */
export interface TaskRecord {
  _id: string;
  caseId: string;
  initiativeId: string;
  role: string;
  unitId: string | null;
  councilId: string | null;
  personIds: string[];
  assignee: { personId: string; fullName: string } | null;
  description: string;
  dueAt: Date | null;
  escalated: boolean;
  status: 'OPEN' | 'DONE';
  createdAt: Date;
  closedAt: Date | null;
}

/** A stored notification. */
export interface NotificationRecord {
  _id: string;
  caseId: string;
  initiativeId: string;
  kind: 'TASK' | 'REMINDER' | 'ESCALATED' | 'DECISION';
  /** Who it goes to: the role and scope of whoever must act, or the supervisor for escalations. */
  to: { role: string; unitId?: string; councilId?: string; personIds?: string[] };
  message: string;
  at: Date;
  read: boolean;
  /** Who has marked it read: one notification addressed to a role reaches several people. */
  readBy?: string[];
}

const taskSchema = new Schema<TaskRecord>(
  {
    _id: { type: String, required: true },
    caseId: { type: String, required: true, index: true },
    initiativeId: { type: String, required: true },
    role: { type: String, required: true },
    unitId: { type: String, default: null },
    councilId: { type: String, default: null },
    personIds: { type: [String], default: [] },
    assignee: { type: Schema.Types.Mixed, default: null },
    description: { type: String, required: true },
    dueAt: { type: Date, default: null },
    escalated: { type: Boolean, default: false },
    status: { type: String, required: true },
    createdAt: { type: Date, required: true },
    closedAt: { type: Date, default: null },
  },
  { collection: 'tasks', versionKey: false },
);
// Shaped for the inbox, whose `$or` asks for open tasks by role and unit, or naming the person (MongoDB uses one
// index per branch); `status` first, so each also serves "all open tasks". FerretDB does not use them yet (docs/benchmarks.md).
taskSchema.index({ status: 1, role: 1, unitId: 1 });
taskSchema.index({ status: 1, personIds: 1 });

const notificationSchema = new Schema<NotificationRecord>(
  {
    _id: { type: String, required: true },
    caseId: { type: String, required: true, index: true },
    initiativeId: { type: String, required: true },
    kind: { type: String, required: true },
    to: { type: Schema.Types.Mixed, required: true },
    message: { type: String, required: true },
    at: { type: Date, required: true },
    read: { type: Boolean, default: false },
    readBy: { type: [String], default: [] },
  },
  { collection: 'notifications', versionKey: false },
);

/**
 * The keys of a case's open tasks, under the case's id. FerretDB answers a filter on `_id` alone from its primary key
 * but reads every stored task for a filter on `caseId` (it does not use the index), and the current task changes with
 * almost every write of a case: looking the open tasks up here keeps a write's cost flat as cases accumulate.
 */
interface OpenTasksRecord {
  _id: string;
  keys: string[];
}

const openTasksSchema = new Schema<OpenTasksRecord>(
  { _id: { type: String, required: true }, keys: { type: [String], default: [] } },
  { collection: 'openTasks', versionKey: false },
);

/** Repository of tasks and notifications. */
export class TaskRepository {
  readonly tasks: Model<TaskRecord>;
  readonly notifications: Model<NotificationRecord>;
  private readonly openTasks: Model<OpenTasksRecord>;
  private readonly openWork: OpenWork;

  constructor(private readonly conn: Connection) {
    this.tasks =
      (conn.models['Task'] as Model<TaskRecord> | undefined) ?? conn.model<TaskRecord>('Task', taskSchema);
    this.notifications =
      (conn.models['Notification'] as Model<NotificationRecord> | undefined) ??
      conn.model<NotificationRecord>('Notification', notificationSchema);
    this.openTasks =
      (conn.models['OpenTasks'] as Model<OpenTasksRecord> | undefined) ??
      conn.model<OpenTasksRecord>('OpenTasks', openTasksSchema);
    this.openWork = openWorkOf(conn);
  }

  /**
   * Makes `task` the case's one open task (or closes all when null). Idempotent by the task's key: a retry after a
   * crash anywhere in here closes what is still open, writes the task once and records its key.
   */
  async setCurrent(
    caseId: string,
    initiativeId: string,
    task: TaskDraft | null,
    now = new Date(),
    /** Called with a task the case did not have open, before it is recorded as open (so a retry calls it again). */
    onNew?: (task: TaskDraft | null) => Promise<void>,
  ): Promise<void> {
    const pointer = await this.openTasks.findById(caseId).lean<OpenTasksRecord>().exec();
    // A case last written before this record existed: find its open tasks the slow way, once.
    const open =
      pointer?.keys ??
      (
        await this.tasks
          .find({ caseId: { $eq: caseId }, status: 'OPEN' }, { _id: 1 })
          .lean<{ _id: string }[]>()
          .exec()
      ).map((t) => t._id);
    await onNew?.(task && !open.includes(task.key) ? task : null);
    for (const key of open) {
      if (key === task?.key) continue;
      const stored = await this.tasks.findById(key, { status: 1 }).lean<Pick<TaskRecord, 'status'>>().exec();
      if (stored?.status === 'OPEN') {
        await this.tasks.updateOne({ _id: key }, { $set: { status: 'DONE', closedAt: now } }).exec();
      }
    }
    if (task) await this.upsertTask(caseId, initiativeId, task, now);
    const keys = task ? [task.key] : [];
    if (pointer?.keys.join() !== keys.join()) {
      await this.openTasks.updateOne({ _id: caseId }, { $set: { keys } }, { upsert: true }).exec();
    }
    // An initiative's own task is in its open row, written with its state (CaseRepository.upsertState, by revision);
    // an adopting unit's task has no row of its own, so it is written here.
    if (caseId !== initiativeId) {
      await this.openWork.recordReplicationTask(
        caseId,
        initiativeId,
        task,
        async () => {
          const c = await this.conn
            .collection<{ _id: string; code?: string | null; title?: string }>('cases')
            .findOne({ _id: initiativeId }, { projection: { code: 1, title: 1 } });
          return { code: c?.code ?? null, title: c?.title ?? initiativeId };
        },
        now.getTime(),
      );
    }
  }

  private async upsertTask(caseId: string, initiativeId: string, task: TaskDraft, now: Date): Promise<void> {
    const fields = {
      role: task.role,
      unitId: task.unitId ?? null,
      councilId: task.councilId ?? null,
      personIds: task.personIds ?? [],
      assignee: task.assignee ?? null,
      description: task.description,
      dueAt: task.dueAt ? new Date(task.dueAt) : null,
      escalated: task.escalated ?? false,
    };
    try {
      await this.tasks
        .updateOne(
          { _id: task.key },
          {
            $set: fields,
            $setOnInsert: { caseId, initiativeId, status: 'OPEN', createdAt: now, closedAt: null },
          },
          { upsert: true },
        )
        .exec();
    } catch (err) {
      // Two upserts of the same new key can race on FerretDB; the other one inserted it, so update it.
      if (!isDuplicateKeyError(err)) throw err;
      await this.tasks.updateOne({ _id: task.key }, { $set: fields }).exec();
    }
  }

  /**
   * A person's open tasks, overdue first, then by due date (GET /api/v1/me/tasks): read from the open cases' rows, not
   * from `tasks`, which keeps every task ever done.
   */
  inbox(actor: Actor, now = Date.now(), limit = 500): Promise<InboxItem[]> {
    return this.openWork.inbox(actor, now, limit);
  }
}
