/**
 * Patrol (巡查): start in one of my grids (chosen by name), then the running clock and track figures, the 六必查
 * checklist from the patrol template, the problems found (each a `patrol.finding` that becomes a case; its case code
 * shows once synced), and the end. The running patrol lives in a draft, so a reload or a closed app goes on with
 * the same patrol, the next track `seq` and the checklist as it was; the track is watched while any screen is open.
 */
import type { Answers } from '../../../../core/field/templates';
import type { FieldApp, RecordView } from '../contracts';
import { h } from '../dom';
import { draftsOf, fieldRow, renderForm, type FormTemplate } from '../form';
import { saveChunk, TrackRecorder, watchTrack, type TrackState } from '../geo';
import { chinaTime, pick, t, tr } from '../words';

/** The patrol under way, as its draft keeps it. */
export interface ActivePatrol {
  patrolId: string;
  gridCode: string;
  gridName: string;
  startedAt: string;
  templateId: string | null;
  checklist: Answers;
  track: TrackState;
  /** Record ids of the problems reported on this patrol. */
  findings: string[];
}

const KEY = 'patrol';

interface Session {
  patrol: ActivePatrol;
  recorder: TrackRecorder;
  stop: () => void;
  /** Chunk saves and draft writes, one after another (a chunk is in the outbox before the state that dropped it is kept). */
  chain: Promise<unknown>;
  gpsProblem: boolean;
  listeners: Set<() => void>;
}
let session: Session | null = null;

/** The running patrol (from memory, else from its draft), or null. */
export async function activePatrol(app: FieldApp): Promise<ActivePatrol | null> {
  return (await resume(app))?.patrol ?? null;
}

/** Picks up the running patrol after a reload and watches the track again. */
async function resume(app: FieldApp): Promise<Session | null> {
  if (session) return session;
  const p = await draftsOf(app).get<ActivePatrol>(KEY);
  return p && !session ? begin(app, p) : session;
}

function begin(app: FieldApp, p: ActivePatrol): Session {
  const drafts = draftsOf(app);
  const s: Session = { patrol: p, recorder: new TrackRecorder(p.track), stop: () => undefined, chain: Promise.resolve(), gpsProblem: false, listeners: new Set() };
  const label = () => `${t.trackLabel} ${p.gridName} ${chinaTime(p.startedAt)}`;
  const keep = () => {
    s.chain = s.chain.then(() => drafts.set(KEY, { ...s.patrol, track: s.recorder.state() }));
    s.listeners.forEach((l) => l());
  };
  s.stop = watchTrack(s.recorder, {
    onChunk: (c) => void (s.chain = s.chain.then(() => saveChunk(app, p.patrolId, c, label()))),
    changed: () => {
      s.gpsProblem = false;
      keep();
    },
    onError: () => {
      s.gpsProblem = true;
      s.listeners.forEach((l) => l());
    },
  });
  session = s;
  return s;
}

/** Adds a finding's record id to the running patrol (the finding screen calls it after saving). */
export async function noteFinding(app: FieldApp, recordId: string): Promise<void> {
  const s = await resume(app);
  if (!s) return;
  s.patrol.findings.push(recordId);
  await draftsOf(app).set(KEY, { ...s.patrol, track: s.recorder.state() });
}

/** The last point of the running patrol's track (a finding without a fix of its own uses it). */
export function lastTrackPoint(): { lat: number; lng: number } | null {
  const last = session?.recorder.state().last;
  return last ? { lat: last[1], lng: last[2] } : null;
}

const clock = (ms: number) => {
  const s = Math.max(0, Math.floor(ms / 1000));
  return `${Math.floor(s / 3600)}:${String(Math.floor((s % 3600) / 60)).padStart(2, '0')}:${String(s % 60).padStart(2, '0')}`;
};

/** The patrol screen. */
export async function patrolScreen(root: HTMLElement, app: FieldApp): Promise<() => void> {
  const s = await resume(app);
  if (!s) return startView(root, app);
  return runningView(root, app, s);
}

async function startView(root: HTMLElement, app: FieldApp): Promise<() => void> {
  const [grids, templates] = await Promise.all([app.copy.grids(), app.copy.templates('patrol')]);
  const err = h('p', { className: 'err', role: 'alert' });
  const grid = h('select', { 'data-testid': 'patrol-grid' }, h('option', { value: '' }, t.chooseGrid), ...grids.map((g) => h('option', { value: g.code, selected: grids.length === 1 }, g.name)));
  const start = h('button', { type: 'button', className: 'btn primary block', 'data-testid': 'patrol-start', disabled: !grids.length }, t.startPatrol);
  start.addEventListener('click', async () => {
    const chosen = grids.find((g) => g.code === grid.value);
    if (!chosen) return void (err.textContent = t.chooseGrid);
    start.disabled = true;
    const startedAt = new Date().toISOString();
    const patrolId = await app.records.save('patrol.start', { gridCode: chosen.code, startedAt }, { label: tr('patrolLabel', { grid: chosen.name, time: chinaTime(startedAt) }) });
    const p: ActivePatrol = { patrolId, gridCode: chosen.code, gridName: chosen.name, startedAt, templateId: templates[0]?.id ?? null, checklist: {}, track: new TrackRecorder().state(), findings: [] };
    await draftsOf(app).set(KEY, p);
    begin(app, p);
    app.go('#/patrol?running=1');
  });
  root.replaceChildren(h('h2', {}, t.patrolTitle), h('div', { className: 'card' }, grids.length ? fieldRow(t.grid, grid) : h('p', { className: 'muted' }, t.noGrids), err, start));
  return () => undefined;
}

function runningView(root: HTMLElement, app: FieldApp, s: Session): () => void {
  const p = s.patrol;
  const time = h('div', { className: 'clock', 'data-testid': 'patrol-clock' });
  const points = h('span', { 'data-testid': 'patrol-points' });
  const gps = h('p', { className: 'err', role: 'status' });
  const findings = h('ul', { className: 'list', 'data-testid': 'patrol-findings' });
  const findingsHead = h('h3', {});
  const problems = h('div', { className: 'row' });
  const draw = () => {
    time.textContent = clock(Date.now() - Date.parse(p.startedAt));
    const f = s.recorder.figures();
    points.textContent = `${tr('trackPoints', { n: f.points })} · ${(f.metres / 1000).toFixed(2)} km`;
    gps.textContent = s.gpsProblem ? t.gpsOff : f.points ? '' : t.gpsWaiting;
  };
  const drawFindings = async () => {
    const mine = (await app.records.list()).filter((r) => p.findings.includes(r.id));
    findingsHead.textContent = tr('findingsCount', { n: mine.length });
    findings.replaceChildren(...mine.map((r) => findingRow(r)));
  };
  const checklist = h('div', { className: 'card' });
  void app.copy.templates('patrol').then((list) => {
    const tpl = (list.find((x) => x.id === p.templateId) ?? list[0]) as FormTemplate | undefined;
    if (!tpl) return void checklist.replaceChildren(h('p', { className: 'muted' }, t.noTemplate));
    const drawProblems = () => problems.replaceChildren(...tpl.items.filter((i) => p.checklist[i.code] === 'problem').map((i) =>
      h('a', { className: 'btn danger', href: `#/finding?item=${encodeURIComponent(`${tpl.code}.${i.code}`)}`, 'data-testid': `finding-for-${i.code}` }, tr('reportFor', { item: pick(i.text) }))));
    const form = renderForm(tpl, { formKey: 'patrol-checklist', initial: p.checklist, onChange: (answers) => {
      p.checklist = answers;
      s.chain = s.chain.then(() => draftsOf(app).set(KEY, { ...p, track: s.recorder.state() }));
      drawProblems();
    } });
    drawProblems();
    checklist.replaceChildren(h('h3', {}, t.checklist), form.el, problems);
  });
  const end = h('button', { type: 'button', className: 'btn danger block', 'data-testid': 'patrol-end' }, t.endPatrol);
  end.addEventListener('click', async () => {
    end.disabled = true;
    s.stop();
    const last = s.recorder.flush();
    if (last) s.chain = s.chain.then(() => saveChunk(app, p.patrolId, last, `${t.trackLabel} ${p.gridName}`));
    await s.chain;
    const endedAt = new Date().toISOString();
    // The checklist rides on the end record: the server checks it against the template and keeps it encrypted.
    const checklist = p.templateId ? { templateId: p.templateId, answers: p.checklist } : {};
    await app.records.save('patrol.end', { patrolId: p.patrolId, endedAt, ...checklist }, { dependsOn: [p.patrolId], label: `${t.endPatrol} ${p.gridName} ${chinaTime(endedAt)}` });
    await draftsOf(app).delete(KEY);
    session = null;
    app.go('#/home');
  });
  root.replaceChildren(
    h('h2', {}, `${t.patrolRunning} · ${p.gridName}`),
    h('div', { className: 'card' }, time, h('div', { className: 'figures' }, points), gps),
    checklist,
    h('div', { className: 'card' }, findingsHead, findings,
      h('a', { className: 'btn block', href: '#/finding', 'data-testid': 'finding-open' }, t.reportProblem)),
    end,
  );
  draw();
  void drawFindings();
  const tick = setInterval(draw, 1000);
  s.listeners.add(draw);
  const off = app.records.onChange(() => void drawFindings());
  return () => {
    clearInterval(tick);
    s.listeners.delete(draw);
    off();
  };
}

/** One reported problem: its label, state and, once synced, its case code. */
export function findingRow(r: RecordView): HTMLElement {
  const code = (r.answer as { caseCode?: string } | undefined)?.caseCode;
  return h('li', { 'data-testid': `finding-${r.id}` },
    h('div', { className: 'grow' }, h('div', { className: 'title' }, r.label), h('div', { className: 'muted', 'data-testid': 'finding-case' }, code ? tr('caseCode', { code }) : t.caseAfterSync)),
    h('span', { className: `chip state-${r.state}` }, t[`state_${r.state}`]));
}
