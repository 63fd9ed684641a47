/**
 * The audit log in words: every audit action, object type and actor kind named in zh-CN, zh-TW and English, so
 * the auditor reads 修改密码 and 案件 HB-… rather than `auth.changePassword` and a UUID. Typed against the
 * vocabulary (core/audit-actions.ts): an action added there without its words here does not compile.
 */
import { auditActions, type AuditAction } from './audit-actions.ts';
import type { CaseAction } from './workflow/case-workflow.ts';
import type { PetitionAction } from './workflow/petition-workflow.ts';
import type { DisputeAction } from './workflow/dispute-workflow.ts';
import type { VisitTaskAction } from './workflow/visit-task-workflow.ts';
import type { Locale } from './errors.ts';

/** One text in the three UI languages. */
export type Words = Record<Locale, string>;
const w = (zhCN: string, zhTW: string, en: string): Words => ({ 'zh-CN': zhCN, 'zh-TW': zhTW, en });

const plainLabels: Record<(typeof auditActions)[number], Words> = {
  'audit.verify': w('校验审计日志', '校驗稽核日誌', 'Checked the audit log'),
  'auth.login': w('登录', '登入', 'Sign-in'),
  'auth.logout': w('退出登录', '登出', 'Sign-out'),
  'auth.changePassword': w('修改密码', '修改密碼', 'Changed own password'),
  'auth.totpEnrol': w('绑定动态验证码', '綁定動態驗證碼', 'Set up authenticator app'),
  'building.create': w('新建楼栋', '新建樓棟', 'Added a building'),
  'building.update': w('修改楼栋', '修改樓棟', 'Edited a building'),
  'calendar.import': w('导入节假日与调休', '匯入節假日與調休', 'Imported holidays and workdays'),
  'calendar.setDay': w('设置节假日', '設定節假日', 'Set a calendar day'),
  'case.create': w('上报案件', '上報案件', 'Case reported'),
  'case.export': w('导出案件', '匯出案件', 'Exported cases'),
  'case.revealReporter': w('查看上报人联系方式', '查看上報人聯絡方式', 'Revealed the reporter\'s contact'),
  'category.create': w('新建事项分类', '新建事項分類', 'Added a category'),
  'category.update': w('修改事项分类', '修改事項分類', 'Edited a category'),
  'codeTable.save': w('保存代码表', '儲存代碼表', 'Saved a code table'),
  'deadlinePolicy.set': w('设置办理时限', '設定辦理時限', 'Set deadlines'),
  'department.create': w('新建职能部门', '新建職能部門', 'Added a department'),
  'department.update': w('修改职能部门', '修改職能部門', 'Changed a department'),
  'document.create': w('生成文书', '產生文書', 'Generated a document'),
  'document.download': w('下载文书', '下載文書', 'Downloaded a document'),
  'dispute.register': w('登记矛盾纠纷', '登記矛盾糾紛', 'Registered a dispute'),
  'dispute.revealParties': w('查看当事人完整信息', '查看當事人完整資訊', 'Revealed the parties'),
  'dispute.exportFile': w('导出调解卷宗', '匯出調解卷宗', 'Exported the mediation file'),
  'document.serve': w('登记文书送达', '登記文書送達', 'Recorded service of a document'),
  'dwelling.create': w('新建房屋', '新建房屋', 'Added a dwelling'),
  'dwelling.rental': w('登记出租', '登記出租', 'Registered a rental'),
  'files.seal': w('加密存量文件', '加密存量檔案', 'Encrypted stored files'),
  'grid.addStaff': w('网格添加人员', '網格新增人員', 'Added grid staff'),
  'grid.bulkStaff': w('网格批量配置人员', '網格批次配置人員', 'Assigned grid staff in bulk'),
  'grid.import': w('导入网格', '匯入網格', 'Imported grids'),
  'grid.removeStaff': w('网格移除人员', '網格移除人員', 'Removed grid staff'),
  'grid.setDuties': w('设置网格职责', '設定網格職責', 'Set grid duties'),
  'household.addMember': w('户添加成员', '戶新增成員', 'Added a household member'),
  'household.create': w('新建户', '新建戶', 'Added a household'),
  'household.move': w('户迁移', '戶遷移', 'Moved a household'),
  'household.removeMember': w('户移除成员', '戶移除成員', 'Removed a household member'),
  'household.update': w('修改户', '修改戶', 'Edited a household'),
  'keys.reencrypt': w('用新密钥重新加密', '用新金鑰重新加密', 'Re-encrypted with the new key'),
  'mediationCommittee.save': w('保存人民调解委员会', '儲存人民調解委員會', 'Saved a mediation committee'),
  'mediationRoom.save': w('保存调解室', '儲存調解室', 'Saved a mediation room'),
  'mediator.save': w('保存人民调解员', '儲存人民調解員', 'Saved a mediator'),
  'mediationSubsidy.setRates': w('设置以案定补标准', '設定以案定補標準', 'Set the per-case mediation subsidy rates'),
  'mediationSubsidy.export': w('导出以案定补发放表', '匯出以案定補發放表', 'Exported the mediation subsidy payment list'),
  'keys.rotate': w('轮换密钥', '輪換金鑰', 'Rotated the keys'),
  'person.addRecord': w('添加人员记录', '新增人員記錄', 'Added a person record'),
  'person.create': w('新建人员', '新建人員', 'Added a person'),
  'person.export': w('导出人员', '匯出人員', 'Exported persons'),
  'person.import': w('导入人员', '匯入人員', 'Imported persons'),
  'person.import.batch': w('导入人员（一批）', '匯入人員（一批）', 'Imported a batch of persons'),
  'person.leave': w('人员迁出或死亡', '人員遷出或死亡', 'Person moved away or died'),
  'person.legalHold': w('法律保留', '法律保留', 'Legal hold'),
  'person.move': w('人员迁移', '人員遷移', 'Moved a person'),
  'person.purge': w('到期清除个人信息', '到期清除個人資訊', 'Purged personal data'),
  'person.reveal': w('查看完整个人信息', '查看完整個人資訊', 'Revealed personal data'),
  'person.update': w('修改人员', '修改人員', 'Edited a person'),
  'petition.register': w('登记信访事项', '登記信訪事項', 'Registered a petition'),
  'petition.revealPetitioners': w('查看信访人完整信息', '查看信訪人完整資訊', 'Revealed the petitioners'),
  'petition.rate': w('信访人评价', '信訪人評價', 'Petitioner rated the handling'),
  'petition.linkCase': w('信访件关联案件', '信訪件關聯案件', 'Linked a petition and a case'),
  'petition.createCase': w('信访件转为案件', '信訪件轉為案件', 'Turned a petition into a case'),
  'petition.toDispute': w('信访件转人民调解', '信訪件轉人民調解', 'Petition sent to people\'s mediation'),
  'case.fromPetition': w('案件由信访件转入', '案件由信訪件轉入', 'Case made from a petition'),
  'case.toPetition': w('案件转信访', '案件轉信訪', 'Case sent to petitions'),
  'case.toDispute': w('案件转人民调解', '案件轉人民調解', 'Case sent to people\'s mediation'),
  'place.create': w('新建场所', '新建場所', 'Added a place'),
  'place.update': w('修改场所', '修改場所', 'Edited a place'),
  'region.import': w('导入行政区划', '匯入行政區劃', 'Imported regions'),
  'rental.export': w('导出出租房屋', '匯出出租房屋', 'Exported rentals'),
  'reveal.alert': w('查看个人信息过多，已暂停', '查看個人資訊過多，已暫停', 'Too many reveals: paused'),
  'routing.set': w('设置分流规则', '設定分流規則', 'Set routing rules'),
  'tenancy.end': w('租住结束', '租住結束', 'Tenancy ended'),
  'tenancy.start': w('租住开始', '租住開始', 'Tenancy started'),
  'token.create': w('新建接口令牌', '新建介接權杖', 'Issued an integration token'),
  'token.revoke': w('吊销接口令牌', '撤銷介接權杖', 'Revoked an integration token'),
  'user.create': w('新建账号', '新建帳號', 'Created an account'),
  'user.resetPassword': w('重置密码', '重設密碼', 'Reset a password'),
  'user.resetTotp': w('重置动态验证码', '重設動態驗證碼', 'Reset an authenticator'),
  'user.unlock': w('解锁账号', '解鎖帳號', 'Unlocked an account'),
  'coverage.export': w('导出走访覆盖清单', '匯出走訪覆蓋清單', 'Exported the visit coverage list'),
  'user.update': w('修改账号', '修改帳號', 'Edited an account'),
  // ── Session 11, helper S: field records ──
  'patrol.start': w('开始巡查', '開始巡查', 'Started a patrol'),
  'patrol.end': w('结束巡查', '結束巡查', 'Ended a patrol'),
  'patrol.readTrack': w('查看巡查轨迹', '查看巡查軌跡', 'Viewed a patrol track'),
  'visit.record': w('登记走访', '登記走訪', 'Recorded a visit'),
  'assessment.record': w('评估家庭安全风险', '評估家庭安全風險', 'Assessed a household\'s risk'),
  // ── Session 12, helper A ──
  'careAssignment.assign': w('指派责任人', '指派責任人', 'Named a responsible worker'),
  'careAssignment.unassign': w('取消责任人', '取消責任人', 'Removed a responsible worker'),
  'visit.trigger': w('发起走访', '發起走訪', 'Raised a visit'),
};

/** The case workflow's steps (the same words as the case page's buttons). */
const caseStepLabels: Record<CaseAction, Words> = {
  accept: w('受理', '受理', 'Accept'),
  reject: w('不予受理', '不予受理', 'Reject'),
  redirect: w('非本单位', '非本單位', 'Not ours'),
  merge: w('合并重复', '合併重複', 'Merge duplicate'),
  dispatch: w('派遣', '派遣', 'Dispatch'),
  return: w('退回', '退回', 'Return'),
  transfer: w('转办', '轉辦', 'Transfer'),
  escalate: w('上报上级', '上報上級', 'Escalate'),
  assist: w('协办', '協辦', 'Add assisting unit'),
  start: w('开始处置', '開始處置', 'Start'),
  reportBack: w('反馈', '回報', 'Report back'),
  verify: w('核查', '核查', 'Verify'),
  followUp: w('回访', '回訪', 'Follow up'),
  close: w('办结', '辦結', 'Close'),
  closeUnresolved: w('未解决办结', '未解決辦結', 'Close unresolved'),
  extendRequest: w('申请延期', '申請延期', 'Request extension'),
  extendDecide: w('审批延期', '審批延期', 'Decide extension'),
  urge: w('督办', '督辦', 'Urge'),
  pause: w('暂停计时', '暫停計時', 'Pause clocks'),
  resume: w('恢复计时', '恢復計時', 'Resume clocks'),
  meToo: w('我也遇到', '我也遇到', 'Me too'),
};

/** The petition workflow's steps. */
const petitionStepLabels: Record<PetitionAction, Words> = {
  transfer: w('转送', '轉送', 'Transfer'),
  assign: w('交办', '交辦', 'Assign'),
  handOver: w('移交纪检监察', '移交紀檢監察', 'Hand over to discipline bodies'),
  notAccept: w('不予受理', '不予受理', 'Not accepted'),
  accept: w('受理', '受理', 'Accept'),
  object: w('提出异议', '提出異議', 'Object'),
  requestExtension: w('申请延期', '申請延期', 'Request extension'),
  approveExtension: w('批准延期', '批准延期', 'Approve extension'),
  conclude: w('答复', '答覆', 'Reply'),
  serve: w('送达', '送達', 'Serve'),
  requestReview: w('申请复查', '申請複查', 'Review requested'),
  concludeReview: w('复查意见', '複查意見', 'Review opinion'),
  requestReReview: w('申请复核', '申請複核', 'Re-review requested'),
  startHearing: w('听证开始', '聽證開始', 'Hearing started'),
  endHearing: w('听证结束', '聽證結束', 'Hearing ended'),
  concludeReReview: w('复核意见', '複核意見', 'Re-review opinion'),
  urge: w('督办', '督辦', 'Urge'),
  close: w('办结', '辦結', 'Close'),
};

/** The dispute workflow's steps. */
const disputeStepLabels: Record<DisputeAction, Words> = {
  assign: w('指派调解员', '指派調解員', 'Assign mediator'),
  choose: w('当事人选定调解员', '當事人選定調解員', 'Mediator chosen by the parties'),
  transfer: w('移送调委会', '移送調委會', 'Transfer to another committee'),
  accept: w('受理', '受理', 'Accept'),
  scheduleSession: w('安排调解', '安排調解', 'Schedule a session'),
  recordSession: w('调解记录', '調解記錄', 'Record a session'),
  extend: w('延长调解期限', '延長調解期限', 'Extend (both parties consent)'),
  recordAgreement: w('达成调解协议', '達成調解協議', 'Agreement reached'),
  recordFailure: w('调解不成', '調解不成', 'Mediation failed'),
  refer: w('移交（诉调对接等）', '移交（訴調對接等）', 'Refer (court, arbitration, department)'),
  recordReferralAnswer: w('登记接收方答复', '登記接收方答覆', 'Record the receiver\'s answer'),
  refuse: w('当事人拒绝调解', '當事人拒絕調解', 'A party refused mediation'),
  urge: w('督办', '督辦', 'Urge'),
  close: w('结案', '結案', 'Close'),
  sign: w('协议签名盖章', '協議簽名蓋章', 'Signature or seal on the agreement'),
  applyConfirmation: w('申请司法确认', '申請司法確認', 'Applied for judicial confirmation'),
  recordCourtAcceptance: w('登记法院受理情况', '登記法院受理情況', 'Court\'s acceptance recorded'),
  extendCourtReview: w('法院延长审查期限', '法院延長審查期限', 'Court review extended (approved)'),
  recordCourtDecision: w('登记司法确认结果', '登記司法確認結果', 'Court\'s decision recorded'),
  recordPerformance: w('登记协议履行情况', '登記協議履行情況', 'Performance recorded'),
  recordFollowUpVisit: w('履行回访', '履行回訪', 'Follow-up visit on performance'),
  fileDocuments: w('归档卷宗材料', '歸檔卷宗材料', 'Filed documents in the mediation file'),
};

/** The visit-task workflow's steps. */
const visitTaskStepLabels: Record<VisitTaskAction, Words> = {
  complete: w('完成走访', '完成走訪', 'Visit done'),
  reassign: w('改派', '改派', 'Reassign'),
  remind: w('督促', '督促', 'Remind'),
  cancel: w('取消', '取消', 'Cancel'),
};

/** The words of an audit action in `locale`; a stored action no longer declared is shown as it is. */
export function auditActionLabel(action: string, locale: Locale): string {
  if (action in plainLabels) return plainLabels[action as keyof typeof plainLabels][locale];
  const step = /^case\.(.+)$/.exec(action)?.[1];
  if (step && step in caseStepLabels) {
    const prefix = w('案件·', '案件·', 'Case: ')[locale];
    return prefix + caseStepLabels[step as CaseAction][locale];
  }
  const pstep = /^petition\.(.+)$/.exec(action)?.[1];
  if (pstep && pstep in petitionStepLabels) return w('信访·', '信訪·', 'Petition: ')[locale] + petitionStepLabels[pstep as PetitionAction][locale];
  const dstep = /^dispute\.(.+)$/.exec(action)?.[1];
  if (dstep && dstep in disputeStepLabels) return w('调解·', '調解·', 'Dispute: ')[locale] + disputeStepLabels[dstep as DisputeAction][locale];
  const vstep = /^visitTask\.(.+)$/.exec(action)?.[1];
  if (vstep && vstep in visitTaskStepLabels) return w('走访任务·', '走訪任務·', 'Visit task: ')[locale] + visitTaskStepLabels[vstep as VisitTaskAction][locale];
  return action;
}

/** Every declared action has words (the test walks allAuditActions). */
export function hasLabel(action: AuditAction): boolean {
  return auditActionLabel(action, 'zh-CN') !== action && auditActionLabel(action, 'en') !== action;
}
