/** Home: the visit tasks due today and overdue (later ones behind a link), and the buttons a worker starts from (patrol, visit, assessment, registering). */
import type { FieldApp } from '../contracts';
import { h, mount } from '../dom';
import { chinaDay, chinaTime, language, t, tr } from '../words';
import { activePatrol } from './patrol';
import { taskList, tasksToShow } from './tasks';

/** The home screen. */
export async function homeScreen(root: HTMLElement, app: FieldApp): Promise<void> {
  const [tasks, refreshed, running] = await Promise.all([app.copy.tasks(), app.copy.refreshedAt(), activePatrol(app)]);
  const later = tasks.length - tasksToShow(tasks, chinaDay(), 0).length;
  const go = (route: string, label: string, testId: string) => h('a', { className: 'btn', href: route, 'data-testid': testId }, label);
  mount(root, 
    h('div', { className: 'grid2' },
      go('#/patrol', running ? t.continuePatrol : t.startPatrol, 'home-patrol'),
      go('#/visit', t.recordVisit, 'home-visit'),
      go('#/assessment', t.assess, 'home-assessment'),
      go('#/household', t.registerHousehold, 'home-household'),
      go('#/person', t.addPerson, 'home-person')),
    h('h2', {}, t.tasksTitle),
    // Today's and overdue ones here; the later ones a tap away.
    taskList(app, tasks, 0),
    later ? h('a', { className: 'btn block', href: '#/tasks', 'data-testid': 'tasks-later' }, tr('laterTasks', { n: later })) : null,
    h('p', { className: 'muted' }, refreshed ? tr('copyAt', { time: chinaTime(refreshed) }) : t.copyNever),
    language === 'bo' ? h('p', { className: 'note' }, t.boNote) : null,
  );
}
