/** The visit tasks list (`tasks-list`): today's and overdue first, the due day in China time, red when overdue. */
import type { CopyTask, FieldApp } from '../contracts';
import { h } from '../dom';
import { chinaDay, t, tr, type WordKey } from '../words';

/** How a task stands on a China calendar day: days overdue (0 when due today or later) and whether it is due today. */
export function dueInfo(task: Pick<CopyTask, 'dueOn'>, today: string): { overdueDays: number; dueToday: boolean } {
  const days = Math.round((Date.parse(`${today}T00:00:00Z`) - Date.parse(`${task.dueOn}T00:00:00Z`)) / 86_400_000);
  return { overdueDays: Math.max(0, days), dueToday: days === 0 };
}

/** The tasks to show: overdue first (most overdue on top), then by due day; `horizon` days ahead at most (all when omitted). */
export function tasksToShow<T extends Pick<CopyTask, 'dueOn'>>(tasks: T[], today: string, horizon?: number): T[] {
  const until = horizon === undefined ? null : new Date(Date.parse(`${today}T00:00:00Z`) + horizon * 86_400_000).toISOString().slice(0, 10);
  return tasks.filter((x) => until === null || x.dueOn <= until).sort((a, b) => a.dueOn.localeCompare(b.dueOn));
}

/** The words of a task's rule (an unknown rule reads 走访, never its code). */
export function ruleWord(rule: string): string {
  const key = `rule_${rule}` as WordKey;
  return key in t ? t[key] : t.rule_other;
}

/** The list element (tasks due within `horizon` days; all when omitted); each task opens the visit form for its subject. */
export function taskList(app: FieldApp, tasks: CopyTask[], horizon?: number, now = new Date()): HTMLElement {
  const today = chinaDay(now);
  const shown = tasksToShow(tasks, today, horizon);
  if (!shown.length) return h('ul', { className: 'list', 'data-testid': 'tasks-list' }, h('li', { className: 'muted' }, t.noTasks));
  return h('ul', { className: 'list', 'data-testid': 'tasks-list' }, ...shown.map((task) => {
    const { overdueDays, dueToday } = dueInfo(task, today);
    const due = overdueDays > 0 ? tr('overdueDays', { n: overdueDays }) : dueToday ? t.dueToday : tr('dueOn', { date: task.dueOn });
    return h('li', { className: overdueDays > 0 ? 'overdue' : '', 'data-testid': `task-${task.id}` },
      h('div', { className: 'grow' }, h('div', { className: 'title' }, task.subjectLabel), h('div', { className: 'muted' }, ruleWord(task.rule)), h('div', { className: 'due muted' }, due)),
      h('button', { type: 'button', className: 'btn primary', onclick: () => app.go(`#/visit?task=${encodeURIComponent(task.id)}`) }, t.recordVisit));
  }));
}

/** The `tasks` route: the list alone. */
export async function tasksScreen(root: HTMLElement, app: FieldApp): Promise<void> {
  root.replaceChildren(h('h2', {}, t.tasksTitle), taskList(app, await app.copy.tasks()));
}
