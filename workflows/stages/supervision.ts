/** Actions on any open case: deadline extension with a reason, reassignment, reminders (each audited). */
import { setHandler } from '@temporalio/workflow';
import {
  addAttachmentUpdate,
  calendarSignal,
  extendDeadlineUpdate,
  reassignUpdate,
  remindSignal,
} from '../../src/contracts/initiative';
import { CalendarGapError, describeDuration } from '../../src/domain/duration';
import { refuse, type Case } from '../case';
import { refusalOf } from '../../src/domain/permissions';
import { onUpdate, requireAllowed, requireOpen, requireText } from '../guards';

/** Registers the cross-stage updates, the reminder signal and the calendar signal. */
export function registerSupervision(c: Case): void {
  onUpdate(
    c,
    extendDeadlineUpdate,
    ({ actor, reason, by, target }) => {
      const deadline = target === 'DECISION_CLOCK' ? c.state.decisionClock! : c.state.deadline!;
      c.extend(deadline, by, actor, reason);
      c.record(
        'DEADLINE_EXTENDED',
        actor,
        `Gia hạn ${describeDuration(by)} đến ${deadline.dueAt}: ${reason}`,
        {
          deadline: deadline.key,
          by,
          newDueAt: deadline.dueAt,
          reason,
        },
      );
    },
    {
      check: ({ actor, reason, by, target }) => {
        requireAllowed(c, actor, 'deadline-extension');
        requireText(reason, 'lý do gia hạn');
        const deadline = target === 'DECISION_CLOCK' ? c.state.decisionClock : c.state.deadline;
        if (!deadline) refuse('NO_DEADLINE', 'Bước hiện tại không có thời hạn để gia hạn.');
        const amount = Object.values(by ?? {})[0];
        if (
          Object.keys(by ?? {}).length !== 1 ||
          typeof amount !== 'number' ||
          !(amount > 0) ||
          amount > 400
        ) {
          refuse('INVALID_INPUT', 'Thời gian gia hạn không hợp lệ.');
        }
        // Working days into a year whose holiday table is not published are refused here, before anything changes:
        // the supervisor may extend by calendar days instead. Thrown in the handler, it would stall the case.
        try {
          c.extendedDue(deadline, by);
        } catch (err) {
          if (!(err instanceof CalendarGapError)) throw err;
          refuse(
            'CALENDAR_GAP',
            `Chưa có bảng ngày nghỉ lễ năm ${err.year} nên không đếm được ngày làm việc: hãy gia hạn theo ngày lịch.`,
          );
        }
      },
    },
  );

  onUpdate(
    c,
    reassignUpdate,
    ({ actor, to, reason }) => {
      c.state.waitingOn = { ...c.state.waitingOn!, assignee: to };
      c.record('REASSIGNED', actor, `Chuyển xử lý cho ${to.fullName}: ${reason}`, { to, reason });
    },
    {
      check: ({ actor, to, reason }) => {
        requireAllowed(c, actor, 'reassignment');
        if (!to || typeof to.personId !== 'string' || to.personId === '' || typeof to.fullName !== 'string') {
          refuse('INVALID_INPUT', 'Người nhận xử lý không hợp lệ.');
        }
        requireText(reason, 'lý do chuyển xử lý');
      },
    },
  );

  onUpdate(
    c,
    addAttachmentUpdate,
    ({ actor, attachment }) => {
      const list = (c.state.attachments ??= []);
      if (!list.some((a) => a.id === attachment.id)) {
        list.push({ ...attachment, uploadedBy: actor.personId, at: new Date(c.now()).toISOString() });
        c.record(
          'ATTACHMENT_ADDED',
          actor,
          `Đính kèm tệp "${attachment.filename}" (${attachment.size} byte)`,
          {
            attachment,
          },
        );
      }
    },
    {
      check: ({ actor, attachment }) => {
        requireOpen(c);
        if (
          !attachment ||
          typeof attachment.sha256 !== 'string' ||
          !/^[0-9a-f]{64}$/.test(attachment.sha256)
        ) {
          refuse('INVALID_INPUT', 'Tệp đính kèm không hợp lệ.');
        }
        requireAllowed(c, actor, 'attachments');
      },
    },
  );

  setHandler(remindSignal, ({ actor, message }) => {
    // A signal cannot be refused: a reminder to a closed case, or from someone without the right, is ignored.
    void c.decide(() => {
      if (!actor?.roles || refusalOf(c.state, actor, 'reminders')) return;
      c.remind(actor, message?.trim() ? message : `Nhắc xử lý: ${c.state.waitingOn!.description}`);
    });
  });

  setHandler(calendarSignal, (calendar) => {
    // Sent again after a failed publication: a version the case already has changes nothing.
    void c.decide(() => c.applyCalendar(calendar));
  });
}
