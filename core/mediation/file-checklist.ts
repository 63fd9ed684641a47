/**
 * The mediation file (调解卷宗, STANDARDS.md §7.2a) as data: the documents it must hold, when each is required and
 * what satisfies it (a stored document of a template, a held session with its record, an upload of a kind, the
 * registration itself). Closing is refused while one is missing. The full file (申请书或受理登记表 · 权利义务告知书 ·
 * 身份证明 · 调解记录 · 调解协议书 · 封底) is required when mediation ran to an outcome (agreed or failed); a
 * dispute a party refused, or referred elsewhere, keeps its registration only.
 */

/** What a dispute's file holds now. */
export interface FileFacts {
  status: string;
  agreementForm: string | null;
  /** Templates of the stored documents. */
  templates: readonly string[];
  /** Kinds of the filed uploads. */
  uploadKinds: readonly string[];
  /** Held sessions with a record (调解笔录). */
  sessionRecords: number;
}

/** One required item: its title, when it is required, and what satisfies it. */
export interface FileItem {
  id: string;
  title: string;
  requiredWhen: 'always' | 'mediated' | 'agreed';
  satisfiedBy: { registration?: true; templates?: readonly string[]; uploadKinds?: readonly string[]; sessionRecord?: true; oralAgreement?: true; generated?: true };
}

export const fileChecklist: readonly FileItem[] = [
  // The system's registration is the 受理登记表; a written application may be filed as an upload too.
  { id: 'application', title: '申请书或受理登记表', requiredWhen: 'always', satisfiedBy: { registration: true, uploadKinds: ['application'] } },
  { id: 'rights_notice', title: '人民调解权利义务告知书', requiredWhen: 'mediated', satisfiedBy: { templates: ['mediation.rights_notice'] } },
  { id: 'identity', title: '当事人身份证明', requiredWhen: 'mediated', satisfiedBy: { uploadKinds: ['identity'] } },
  { id: 'record', title: '人民调解记录', requiredWhen: 'mediated', satisfiedBy: { sessionRecord: true } },
  // An oral agreement's content is recorded on the dispute (Art. 28).
  { id: 'agreement', title: '人民调解协议书', requiredWhen: 'agreed', satisfiedBy: { templates: ['mediation.agreement'], oralAgreement: true } },
  { id: 'back_cover', title: '封底', requiredWhen: 'always', satisfiedBy: { generated: true } },
];

/** Whether mediation ran to an outcome (the full file is required). */
const mediated = (f: FileFacts) => ['agreed', 'failed'].includes(f.status) || (f.status === 'closed' && f.agreementForm !== null);

/** The checklist with each item's state for this file. */
export function checkFile(f: FileFacts): { id: string; title: string; required: boolean; present: boolean }[] {
  return fileChecklist.map((item) => {
    const required = item.requiredWhen === 'always' || (item.requiredWhen === 'mediated' && mediated(f)) || (item.requiredWhen === 'agreed' && f.agreementForm !== null);
    const s = item.satisfiedBy;
    const present = !!s.registration || !!s.generated
      || (s.templates ?? []).some((t) => f.templates.includes(t))
      || (s.uploadKinds ?? []).some((k) => f.uploadKinds.includes(k))
      || (!!s.sessionRecord && f.sessionRecords > 0)
      || (!!s.oralAgreement && f.agreementForm === 'oral');
    return { id: item.id, title: item.title, required, present };
  });
}

/** Titles of the required items that are missing. */
export function missingFromFile(f: FileFacts): string[] {
  return checkFile(f).filter((i) => i.required && !i.present).map((i) => i.title);
}
