/** Colours of petition statuses (shared by the workbench list and the card), and the stage a status belongs to. */
export const petitionStatusColour: Record<string, string> = {
  registered: 'orange', transferred: 'gold', accepted: 'blue', replied: 'geekblue', review: 'purple', reviewed: 'magenta',
  re_review: 'volcano', re_reviewed: 'cyan', not_accepted: 'default', handed_over: 'default', closed: 'green',
};

/** The stage (办理阶段) a status is in: 登记转送, 受理办理, 复查, 复核, 终结. */
export function stageOf(status: string): 'intake' | 'handling' | 'review' | 'reReview' | 'ended' {
  if (status === 'registered' || status === 'transferred') return 'intake';
  if (status === 'accepted' || status === 'replied') return 'handling';
  if (status === 'review' || status === 'reviewed') return 'review';
  if (status === 're_review' || status === 're_reviewed') return 'reReview';
  return 'ended';
}
