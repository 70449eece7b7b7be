// The placement checklist card (PLAN-3 introductions, PLAN-4 information for the new placement). In a
// shared conversation it shows each item's state and the counts only: the reasons are free text.
import { formatDate } from '../domain/dates';
import { checklistCounts, INTRODUCTIONS, PLACEMENT_INFORMATION, type ChecklistItem } from '../domain/placementPlan';
import type { TaskDoc } from '../store/records';
import { renderCard, taskTitle, type AdaptiveCard } from './cards';
import type { Disclosure } from './disclosure';

export interface ChecklistCardOptions {
  task: TaskDoc;
  show: Disclosure;
  /** What was typed, shown again when the answers need attention. */
  values?: Record<string, unknown>;
  errors?: Record<string, string>;
  notice?: { text: string; color: 'Good' | 'Attention' };
}

export function placementChecklistCard(o: ChecklistCardOptions): AdaptiveCard {
  const { task, show } = o;
  const editable = !show.shared && task.state === 'open';
  const answers = task.checklist ?? {};
  const counts = checklistCounts(answers);
  const typed = (key: string): string | undefined => (typeof o.values?.[key] === 'string' ? (o.values[key] as string).slice(0, 4000) : undefined);
  const item = (i: ChecklistItem) => {
    const answer = answers[i.id];
    const stateText = !answer
      ? 'Not recorded yet'
      : answer.state === 'done'
        ? `Done (${formatDate(answer.at.slice(0, 10))})`
        : show.shared
          ? 'Not possible'
          : `Not possible: ${show.freeText(answer.reason) ?? ''}`;
    return {
      id: i.id,
      label: i.label,
      stateText,
      stateColor: !answer ? 'Default' : answer.state === 'done' ? 'Good' : 'Warning',
      state: typed(`state_${i.id}`) ?? answer?.state ?? 'open',
      reason: show.shared ? '' : (typed(`reason_${i.id}`) ?? answer?.reason ?? ''),
      error: o.errors?.[`state_${i.id}`] ?? o.errors?.[`reason_${i.id}`] ?? '',
    };
  };
  const otherErrors = Object.entries(o.errors ?? {})
    .filter(([k]) => !k.startsWith('state_') && !k.startsWith('reason_'))
    .map(([, v]) => v);
  const notice = o.notice ?? (otherErrors.length > 0 ? { text: otherErrors.join(' '), color: 'Attention' as const } : undefined);
  return renderCard('placement-checklist', {
    caseLabel: show.childLabel(task.caseRef),
    taskTitle: `${taskTitle(task, show)} · due ${formatDate(task.dueDate)}${task.state === 'done' ? ' · the plan is marked agreed' : ''}`,
    notice: notice?.text ?? '',
    noticeColor: notice?.color ?? 'Default',
    counts: `${counts.done} done, ${counts.notPossible} not possible, ${counts.open} still to do (of ${counts.total}).`,
    whereFull: show.shared ? 'This is a shared conversation: the reasons are shown, and the checklist is recorded, in your own chat with the bot.' : '',
    editable,
    taskId: task._id,
    groups: [
      {
        heading: 'Before the placement starts: introductions',
        intro: 'The child sees a child-friendly profile of the carers, is asked what they think, and meets them before moving in.',
        items: INTRODUCTIONS.map(item),
      },
      {
        heading: 'What the new placement must be told',
        intro: 'The carers are given what they need to care for the child from the first day.',
        items: PLACEMENT_INFORMATION.map(item),
      },
    ],
    why: 'Why: guidance asks for introductions before a placement and for the carers to be told these things; where one is not possible, the reason is recorded (PLAN-3, PLAN-4).',
  });
}
