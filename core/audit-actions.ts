/**
 * The audit log's vocabulary: every action a row of the chain may name, declared once so a typo is a type
 * error and the audit search can offer the list. Workflow transitions are `<workflow>.<action>` for every action
 * of the workflow's table (the table documents each action); the rest are listed here with one comment each.
 */
import { caseActions, type CaseAction } from './workflow/case-workflow.ts';
import { petitionActions, type PetitionAction } from './workflow/petition-workflow.ts';
import { disputeActions, type DisputeAction } from './workflow/dispute-workflow.ts';
import { visitTaskActions, type VisitTaskAction } from './workflow/visit-task-workflow.ts';

export const auditActions = [
  'audit.verify', // 校验审计链: someone checked the chain
  'auth.login', // 登录 (success, failure or denied)
  'auth.logout', // 退出
  'auth.changePassword', // 修改密码
  'auth.totpEnrol', // 绑定动态口令
  'building.create', // 新建楼栋
  'building.update', // 修改楼栋
  'calendar.import', // 导入节假日与调休
  'calendar.setDay', // 在日历上设置一天（放假、调休上班或恢复正常）
  'case.create', // 上报案件 (intake, staff or resident)
  'case.export', // 导出案件
  'case.fromPetition', // 案件由信访件转入
  'case.revealReporter', // 查看上报人完整联系方式
  'case.toPetition', // 案件转信访
  'case.toDispute', // 案件转人民调解
  'category.create', // 新建事项分类
  'category.update', // 修改事项分类
  'codeTable.save', // 保存代码表
  'deadlinePolicy.set', // 设置办理时限
  'department.create', // 新建职能部门
  'department.update', // 修改职能部门（名称、负责事项、停用）
  'document.create', // 生成文书 (a PDF stored with the SM3 of its bytes)
  'document.download', // 下载文书 (an audited read, with the SM3)
  'document.serve', // 登记文书送达 (how, when, proof)
  'dispute.register', // 登记矛盾纠纷 (staff, from a case or a petition, or the online application)
  'dispute.revealParties', // 查看当事人完整信息 (with the reason)
  'dispute.exportFile', // 导出调解卷宗 PDF (it holds the parties' details and the records)
  'dwelling.create', // 新建房屋
  'dwelling.rental', // 登记出租
  'files.seal', // 加密存量文件 (CLI)
  'grid.addStaff', // 网格添加人员
  'grid.bulkStaff', // 网格批量配置人员
  'grid.import', // 导入网格
  'grid.removeStaff', // 网格移除人员
  'grid.setDuties', // 设置网格职责
  'household.addMember', // 户添加成员
  'household.create', // 新建户
  'household.move', // 户迁移
  'household.removeMember', // 户移除成员
  'household.update', // 修改户
  'keys.reencrypt', // 用新密钥重新加密 (CLI)
  'keys.rotate', // 轮换密钥 (CLI)
  'mediationCommittee.save', // 新建或修改人民调解委员会
  'mediationRoom.save', // 新建或修改调解室
  'mediator.save', // 新建或修改人民调解员
  'mediationSubsidy.setRates', // 设置以案定补标准 (old and new rates)
  'mediationSubsidy.export', // 导出以案定补发放表
  'person.addRecord', // 添加人员记录
  'person.create', // 新建人员
  'person.export', // 导出人员
  'person.import', // 导入人员 (a whole file)
  'person.import.batch', // 导入人员的一批
  'person.leave', // 人员离开 (retention starts)
  'person.legalHold', // 法律保留
  'person.move', // 人员迁移
  'person.purge', // 到期清除个人信息
  'person.reveal', // 查看完整个人信息
  'person.update', // 修改人员
  'petition.register', // 登记信访事项 (staff or the online form)
  'petition.revealPetitioners', // 查看信访人完整信息 (with the reason)
  'petition.rate', // 信访人评价
  'petition.createCase', // 信访件转为案件
  'petition.linkCase', // 信访件关联案件
  'petition.toDispute', // 信访件转人民调解
  'place.create', // 新建场所
  'place.update', // 修改场所
  'region.import', // 导入行政区划
  'rental.export', // 导出出租房屋
  'reveal.alert', // 查看完整信息过多，暂停并提醒
  'routing.set', // 设置分流规则
  'tenancy.end', // 租住结束
  'tenancy.start', // 租住开始
  'token.create', // 新建接口令牌
  'token.revoke', // 吊销接口令牌
  'user.create', // 新建账号
  'user.resetPassword', // 重置密码
  'user.resetTotp', // 重置动态口令
  'user.unlock', // 解锁账号
  'user.update', // 修改账号
  // ── Session 11, helper T: visit tasks and coverage ──
  'coverage.export', // 导出走访覆盖（无人脱管、无人漏管）清单
  // ── Session 11, helper S: field records (issue 16) ──
  'patrol.start', // 开始巡查 (the field app; device time in the detail)
  'patrol.end', // 结束巡查
  'patrol.readTrack', // 查看巡查轨迹 (a worker's location history: an audited read)
  'visit.record', // 登记走访 (a correction names the record it supersedes)
  'assessment.record', // 家庭安全风险评估 (the level, never the answers)
  // ── Session 12, helper A: responsible workers and 四访 triggers ──
  'careAssignment.assign', // 指派责任人 (a person under care; their open visit tasks follow)
  'careAssignment.unassign', // 取消责任人 (by hand, or because the person moved out of the worker's scope)
  'visit.trigger', // 发起走访（重大变故、上访群众）
] as const;

/**
 * Workflow name → its actions. Each workflow's transitions are audited as `<name>.<action>`; a new workflow
 * module adds its line by augmenting this interface (`declare module '…/core/audit-actions.ts'`).
 */
export interface WorkflowAuditActions {
  /** Every transition of the case workflow (受理, 派遣, 开始处置, 反馈, 核查, 回访, 办结, 督办, 上报 …). */
  case: CaseAction;
  /** Every transition of the petition workflow (转送, 交办, 受理, 异议, 答复, 送达, 复查, 复核 …). */
  petition: PetitionAction;
  /** Every transition of the dispute workflow (指派, 受理, 调解, 延期, 协议, 调解不成, 移交, 拒绝调解, 结案 …). */
  dispute: DisputeAction;
  /** Every transition of the visit-task workflow (完成, 改派, 督促, 取消). */
  visitTask: VisitTaskAction;
}

/** A workflow transition as an audit action. */
export type WorkflowAuditAction = { [W in keyof WorkflowAuditActions]: `${W & string}.${WorkflowAuditActions[W] & string}` }[keyof WorkflowAuditActions];
export const caseAuditActions: readonly WorkflowAuditAction[] = caseActions.map((a) => `case.${a}` as const);
export const petitionAuditActions: readonly WorkflowAuditAction[] = petitionActions.map((a) => `petition.${a}` as const);
export const disputeAuditActions: readonly WorkflowAuditAction[] = disputeActions.map((a) => `dispute.${a}` as const);
export const visitTaskAuditActions: readonly WorkflowAuditAction[] = visitTaskActions.map((a) => `visitTask.${a}` as const);

/** An action a row of the audit chain may name. */
export type AuditAction = (typeof auditActions)[number] | WorkflowAuditAction;

/** Every declared action (for the audit search's list and for checking stored rows). */
export const allAuditActions: readonly AuditAction[] = [...auditActions, ...caseAuditActions, ...petitionAuditActions, ...disputeAuditActions, ...visitTaskAuditActions];

/** True when `s` is a declared audit action. */
export function isAuditAction(s: string): s is AuditAction {
  return (allAuditActions as readonly string[]).includes(s);
}
