/**
 * Field checklists and questionnaires as data (三必到, 四必清, 五必访, 四访三问, 六必查, the household risk
 * questionnaire): the shape a template has, the values an answer may take, and the check of a set of answers
 * against its template. Pure: the server checks with it, the field app renders and scores with the same types.
 */

/** The languages a template's texts carry (bo optional, marked for review where present). */
export type TemplateText = { 'zh-CN': string; 'zh-TW': string; en: string; bo?: string };

/** What a template is for: a visit checklist, a patrol checklist, or the household risk questionnaire. */
export const templateKinds = ['visit', 'patrol', 'risk'] as const;
export type TemplateKind = (typeof templateKinds)[number];

/** How an item is answered: check and yesno → boolean, choice → an option code, text → string, number → number. */
export const itemTypes = ['check', 'yesno', 'choice', 'text', 'number'] as const;
export type ItemType = (typeof itemTypes)[number];

/** One option of a choice item; `score` counts in a risk questionnaire. */
export interface TemplateOption {
  code: string;
  text: TemplateText;
  score?: number;
}

/** One item of a template. */
export interface TemplateItem {
  code: string;
  text: TemplateText;
  type: ItemType;
  options?: TemplateOption[];
  /** Risk points a yes/checked answer adds. */
  weight?: number;
  /** The answer may reveal a sensitive category (illness, drugs, correction, petitions): stored encrypted only. */
  sensitive?: boolean;
  /** A visit may be saved without it. */
  optional?: boolean;
  /** 'L' when the item is our local assumption rather than a published rule. */
  confidence?: 'H' | 'M' | 'L';
  source?: string;
}

/** Score thresholds of a risk questionnaire: at least `high` → high, at least `medium` → medium, else low. */
export interface RiskThresholds {
  high: number;
  medium: number;
}

/** A template as shipped (a JSON file under server/modules/field/templates/) and as served (with id and version). */
export interface FieldTemplate {
  id: string;
  code: string;
  version: number;
  kind: TemplateKind;
  name: TemplateText;
  items: TemplateItem[];
  thresholds?: RiskThresholds;
}

/** An answer's value. */
export type AnswerValue = boolean | string | number;
/** Answers keyed by item code. */
export type Answers = Record<string, AnswerValue>;

/** One problem with a set of answers (path = the item code). */
export interface AnswerIssue {
  path: string;
  code: 'unknown_item' | 'wrong_type' | 'unknown_option' | 'required';
}

/** Checks answers against their template: every answered item exists and has the right kind of value; required items answered. */
export function checkAnswers(template: Pick<FieldTemplate, 'items'>, answers: Answers): AnswerIssue[] {
  const issues: AnswerIssue[] = [];
  const byCode = new Map(template.items.map((i) => [i.code, i]));
  for (const [code, value] of Object.entries(answers)) {
    const item = byCode.get(code);
    if (!item) issues.push({ path: code, code: 'unknown_item' });
    else if (!valueFits(item, value)) issues.push({ path: code, code: item.type === 'choice' && typeof value === 'string' ? 'unknown_option' : 'wrong_type' });
  }
  for (const item of template.items) {
    if (!item.optional && item.type !== 'text' && !(item.code in answers)) issues.push({ path: item.code, code: 'required' });
  }
  return issues;
}

function valueFits(item: TemplateItem, value: AnswerValue): boolean {
  switch (item.type) {
    case 'check':
    case 'yesno':
      return typeof value === 'boolean';
    case 'choice':
      return typeof value === 'string' && (item.options ?? []).some((o) => o.code === value);
    case 'text':
      return typeof value === 'string' && value.length <= 2000;
    case 'number':
      return typeof value === 'number' && Number.isFinite(value);
  }
}

/** Splits answers into those safe to keep in clear and those of sensitive items or free text about people (kept encrypted). */
export function splitSensitive(template: Pick<FieldTemplate, 'items'>, answers: Answers): { open: Answers; sensitive: Answers } {
  const sensitiveCodes = new Set(template.items.filter((i) => i.sensitive || i.type === 'text').map((i) => i.code));
  const open: Answers = {};
  const sensitive: Answers = {};
  for (const [code, value] of Object.entries(answers)) (sensitiveCodes.has(code) ? sensitive : open)[code] = value;
  return { open, sensitive };
}
