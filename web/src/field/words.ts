/**
 * The field app's words in zh-CN, zh-TW and en (Tibetan in locales/bo.json, every entry awaiting a native speaker's
 * review); the language itself is picked in lang.ts. A few hundred strings: no i18n library, to keep the app small.
 * `{name}` marks a value filled in by `tr`. No DOM at import time, so node tests read it.
 */
import boFile from './locales/bo.json';
import { pickLanguage, type Language } from '../resident/pick-language';

export const zhCN = {
  // Common words (the platform's own extra ones are in shell-words.ts).
  brand: '安网', appName: '网格通', home: '首页', language: '语言', back: '返回', cancel: '取消', none: '无',
  boNote: '藏文界面有待母语人士审校；服务器返回的提示以中文显示。',
  state_pending: '待同步', state_uploading: '上传中', state_synced: '已同步', state_rejected: '被退回', state_conflict: '有冲突', state_superseded: '已更正',
  photo: '照片', voiceNote: '语音',
  // Home: today's and overdue visit tasks, and what a worker starts from here.
  tasksTitle: '走访任务', overdue: '已逾期', overdueDays: '逾期 {n} 天', dueToday: '今天到期', dueOn: '{date} 前走访',
  noTasks: '暂无待办的走访任务', startPatrol: '开始巡查', continuePatrol: '继续巡查', recordVisit: '记录走访', assess: '风险评估',
  registerHousehold: '登记住户', addPerson: '登记人员', copyAt: '网格数据更新于 {time}', copyNever: '尚未下载网格数据，请联网后同步',
  rule_risk_high: '高风险户每月走访', rule_risk_medium: '中风险户每季走访', rule_special_care: '重点人员随访', rule_new_arrival: '新迁入家庭走访',
  rule_major_change: '重大变故家庭走访', rule_petitioner: '信访群众走访', rule_hardship: '困难家庭走访', rule_care_other: '关爱对象走访', rule_other: '走访',
  // Patrol.
  patrolTitle: '网格巡查', grid: '网格', chooseGrid: '请选择网格', noGrids: '您还没有分配网格，请联系管理员', patrolRunning: '巡查中',
  elapsed: '用时 {time}', trackPoints: '轨迹点 {n} 个', gpsWaiting: '正在获取位置…', gpsOff: '无法获取位置：请打开手机定位',
  checklist: '检查清单', itemNormal: '正常', itemProblem: '有问题', reportProblem: '上报问题', endPatrol: '结束巡查',
  endConfirm: '确定结束本次巡查吗？', patrolEnded: '巡查已结束', findingsCount: '已上报问题 {n} 个', patrolLabel: '巡查 {grid} {time}',
  // A finding.
  findingTitle: '上报问题', category: '问题类别', choose: '请选择', description: '问题描述', descHint: '写清楚是什么问题、在哪里、影响多大',
  photos: '照片', addPhoto: '拍照/选图', voice: '语音', addVoice: '录音/选择音频', location: '位置', useLocation: '获取当前位置',
  locating: '正在定位…', located: '已定位（误差约 {m} 米）', noLocation: '无法定位：记录时将不带位置', saveFinding: '保存问题',
  caseCode: '案件编号 {code}', caseAfterSync: '同步后生成案件编号', needCategory: '请选择问题类别', needDescription: '请填写问题描述',
  noCategories: '尚未下载问题类别，请联网后同步', findingLabel: '问题：{category}', needPatrol: '请先开始巡查',
  // A visit.
  visitTitle: '记录走访', subject: '走访对象', searchSubject: '输入姓名或地址查找', household: '住户', person: '人员', template: '走访类型',
  note: '备注', saveVisit: '保存走访', correct: '更正', correcting: '正在更正：{label}', fromTask: '任务：{rule}',
  needSubject: '请选择走访对象', needTemplate: '请选择走访类型', members: '{n} 人', visitLabel: '走访 {name}', recentVisits: '本机最近的走访',
  noMatch: '没有找到，请换个词', pick: '选择', change: '更换',
  // An assessment.
  assessTitle: '家庭风险评估', score: '得分 {n}', level: '风险等级', level_high: '高风险', level_medium: '中风险', level_low: '低风险',
  levelNone: '未评估', saveAssessment: '保存评估', assessLabel: '评估 {name}', noTemplate: '尚未下载表单，请联网后同步',
  yes: '是', no: '否', answered: '已填 {n}/{total}',
  // A household and a person.
  householdTitle: '登记住户', householdEdit: '修改住户', address: '地址', headName: '户主姓名', idNumber: '身份证号', phone: '手机号',
  badId: '身份证号不正确（请核对最后一位校验码）', badPhone: '请填写正确的手机号', saveHousehold: '保存住户', needAddress: '请填写地址',
  needName: '请填写姓名', householdLabel: '登记住户 {address}', householdEditLabel: '修改住户 {address}', optional: '（选填）',
  personTitle: '登记人员', personEdit: '修改人员', name: '姓名', relation: '与户主关系', savePerson: '保存人员', personLabel: '登记 {name}',
  personEditLabel: '修改 {name}', inHousehold: '所在住户', noHousehold: '不在住户中', personType: '人口类型',
  rel_02: '户主', rel_10: '配偶', rel_20: '儿子', rel_30: '女儿', rel_40: '孙子女', rel_50: '父母', rel_60: '祖父母', rel_70: '兄弟姐妹', rel_80: '其他亲属', rel_99: '其他',
  ptype_01: '户籍人口', ptype_02: '流动人口', ptype_03: '留守人员', ptype_99: '境外人员',
  versionNote: '保存时将核对数据是否已被他人修改',
  // Saving.
  draftRestored: '已恢复上次未保存的内容', savedLocal: '已保存在本机，联网后自动上传', saving: '保存中…', saveFailed: '保存失败：{message}',
  laterTasks: '以后的走访任务（{n}）',
  locatedTrack: '已用巡查轨迹的最后位置',
  reportFor: '上报问题：{item}',
  trackLabel: '巡查轨迹',
  // The platform's own words (shell, sync, sign-in, update) are in shell-words.ts.
  online: '在线',
  retry: '重试',
};

export type Dict = typeof zhCN;
export type WordKey = keyof Dict;

export const zhTW: Dict = {
  brand: '安網', appName: '網格通', home: '首頁', language: '語言', back: '返回', cancel: '取消', none: '無',
  boNote: '藏文介面有待母語人士審校；伺服器回傳的提示以中文顯示。',
  state_pending: '待同步', state_uploading: '上傳中', state_synced: '已同步', state_rejected: '被退回', state_conflict: '有衝突', state_superseded: '已更正',
  photo: '照片', voiceNote: '語音',
  tasksTitle: '走訪任務', overdue: '已逾期', overdueDays: '逾期 {n} 天', dueToday: '今天到期', dueOn: '{date} 前走訪',
  noTasks: '暫無待辦的走訪任務', startPatrol: '開始巡查', continuePatrol: '繼續巡查', recordVisit: '記錄走訪', assess: '風險評估',
  registerHousehold: '登記住戶', addPerson: '登記人員', copyAt: '網格資料更新於 {time}', copyNever: '尚未下載網格資料，請連網後同步',
  rule_risk_high: '高風險戶每月走訪', rule_risk_medium: '中風險戶每季走訪', rule_special_care: '重點人員隨訪', rule_new_arrival: '新遷入家庭走訪',
  rule_major_change: '重大變故家庭走訪', rule_petitioner: '信訪群眾走訪', rule_hardship: '困難家庭走訪', rule_care_other: '關愛對象走訪', rule_other: '走訪',
  patrolTitle: '網格巡查', grid: '網格', chooseGrid: '請選擇網格', noGrids: '您還沒有分配網格，請聯絡管理員', patrolRunning: '巡查中',
  elapsed: '用時 {time}', trackPoints: '軌跡點 {n} 個', gpsWaiting: '正在取得位置…', gpsOff: '無法取得位置：請開啟手機定位',
  checklist: '檢查清單', itemNormal: '正常', itemProblem: '有問題', reportProblem: '上報問題', endPatrol: '結束巡查',
  endConfirm: '確定結束本次巡查嗎？', patrolEnded: '巡查已結束', findingsCount: '已上報問題 {n} 個', patrolLabel: '巡查 {grid} {time}',
  findingTitle: '上報問題', category: '問題類別', choose: '請選擇', description: '問題描述', descHint: '寫清楚是什麼問題、在哪裡、影響多大',
  photos: '照片', addPhoto: '拍照/選圖', voice: '語音', addVoice: '錄音/選擇音訊', location: '位置', useLocation: '取得目前位置',
  locating: '正在定位…', located: '已定位（誤差約 {m} 公尺）', noLocation: '無法定位：記錄時將不帶位置', saveFinding: '儲存問題',
  caseCode: '案件編號 {code}', caseAfterSync: '同步後產生案件編號', needCategory: '請選擇問題類別', needDescription: '請填寫問題描述',
  noCategories: '尚未下載問題類別，請連網後同步', findingLabel: '問題：{category}', needPatrol: '請先開始巡查',
  visitTitle: '記錄走訪', subject: '走訪對象', searchSubject: '輸入姓名或地址查找', household: '住戶', person: '人員', template: '走訪類型',
  note: '備註', saveVisit: '儲存走訪', correct: '更正', correcting: '正在更正：{label}', fromTask: '任務：{rule}',
  needSubject: '請選擇走訪對象', needTemplate: '請選擇走訪類型', members: '{n} 人', visitLabel: '走訪 {name}', recentVisits: '本機最近的走訪',
  noMatch: '沒有找到，請換個詞', pick: '選擇', change: '更換',
  assessTitle: '家庭風險評估', score: '得分 {n}', level: '風險等級', level_high: '高風險', level_medium: '中風險', level_low: '低風險',
  levelNone: '未評估', saveAssessment: '儲存評估', assessLabel: '評估 {name}', noTemplate: '尚未下載表單，請連網後同步',
  yes: '是', no: '否', answered: '已填 {n}/{total}',
  householdTitle: '登記住戶', householdEdit: '修改住戶', address: '地址', headName: '戶主姓名', idNumber: '身分證號', phone: '手機號碼',
  badId: '身分證號不正確（請核對最後一位檢查碼）', badPhone: '請填寫正確的手機號碼', saveHousehold: '儲存住戶', needAddress: '請填寫地址',
  needName: '請填寫姓名', householdLabel: '登記住戶 {address}', householdEditLabel: '修改住戶 {address}', optional: '（選填）',
  personTitle: '登記人員', personEdit: '修改人員', name: '姓名', relation: '與戶主關係', savePerson: '儲存人員', personLabel: '登記 {name}',
  personEditLabel: '修改 {name}', inHousehold: '所在住戶', noHousehold: '不在住戶中', personType: '人口類型',
  rel_02: '戶主', rel_10: '配偶', rel_20: '兒子', rel_30: '女兒', rel_40: '孫子女', rel_50: '父母', rel_60: '祖父母', rel_70: '兄弟姊妹', rel_80: '其他親屬', rel_99: '其他',
  ptype_01: '戶籍人口', ptype_02: '流動人口', ptype_03: '留守人員', ptype_99: '境外人員',
  versionNote: '儲存時將核對資料是否已被他人修改',
  draftRestored: '已恢復上次未儲存的內容', savedLocal: '已儲存在本機，連網後自動上傳', saving: '儲存中…', saveFailed: '儲存失敗：{message}',
  laterTasks: '以後的走訪任務（{n}）',
  locatedTrack: '已用巡查軌跡的最後位置',
  reportFor: '上報問題：{item}',
  trackLabel: '巡查軌跡',
  // The platform's own words (shell, sync, sign-in, update) are in shell-words.ts.
  online: '連線中',
  retry: '重試',
};

export const en: Dict = {
  brand: 'Anwang', appName: 'Grid Worker', home: 'Home', language: 'Language', back: 'Back', cancel: 'Cancel', none: 'None',
  boNote: 'The Tibetan wording awaits a native speaker\'s review; messages from the server are shown in Chinese.',
  state_pending: 'Waiting', state_uploading: 'Uploading', state_synced: 'Synced', state_rejected: 'Rejected', state_conflict: 'Conflict', state_superseded: 'Corrected',
  photo: 'Photo', voiceNote: 'Voice note',
  tasksTitle: 'Visits to make', overdue: 'Overdue', overdueDays: '{n} days overdue', dueToday: 'Due today', dueOn: 'Visit by {date}',
  noTasks: 'No visits to make', startPatrol: 'Start a patrol', continuePatrol: 'Back to the patrol', recordVisit: 'Record a visit', assess: 'Assess a household',
  registerHousehold: 'Register a household', addPerson: 'Register a person', copyAt: 'Grid data from {time}', copyNever: 'No grid data yet: sync when online',
  rule_risk_high: 'High-risk household, monthly', rule_risk_medium: 'Medium-risk household, quarterly', rule_special_care: 'Person under care, follow-up', rule_new_arrival: 'Newly arrived household',
  rule_major_change: 'Household after a major change', rule_petitioner: 'Petitioner', rule_hardship: 'Household in hardship', rule_care_other: 'Person under care', rule_other: 'Visit',
  patrolTitle: 'Grid patrol', grid: 'Grid', chooseGrid: 'Choose the grid', noGrids: 'No grid is assigned to you: ask an administrator', patrolRunning: 'Patrolling',
  elapsed: '{time} elapsed', trackPoints: '{n} track points', gpsWaiting: 'Getting the location…', gpsOff: 'No location: turn on the phone\'s location',
  checklist: 'Checklist', itemNormal: 'Fine', itemProblem: 'Problem', reportProblem: 'Report a problem', endPatrol: 'End the patrol',
  endConfirm: 'End this patrol?', patrolEnded: 'Patrol ended', findingsCount: '{n} problems reported', patrolLabel: 'Patrol {grid} {time}',
  findingTitle: 'Report a problem', category: 'Category', choose: 'Choose', description: 'Description', descHint: 'What the problem is, where, how serious',
  photos: 'Photos', addPhoto: 'Take or pick', voice: 'Voice', addVoice: 'Record or pick audio', location: 'Location', useLocation: 'Get my location',
  locating: 'Locating…', located: 'Located (within about {m} m)', noLocation: 'No location: the record will have none', saveFinding: 'Save the problem',
  caseCode: 'Case {code}', caseAfterSync: 'The case code comes after syncing', needCategory: 'Choose a category', needDescription: 'Describe the problem',
  noCategories: 'No categories yet: sync when online', findingLabel: 'Problem: {category}', needPatrol: 'Start a patrol first',
  visitTitle: 'Record a visit', subject: 'Visited', searchSubject: 'Search by name or address', household: 'Household', person: 'Person', template: 'Kind of visit',
  note: 'Note', saveVisit: 'Save the visit', correct: 'Correct', correcting: 'Correcting: {label}', fromTask: 'Task: {rule}',
  needSubject: 'Choose whom you visited', needTemplate: 'Choose the kind of visit', members: '{n} people', visitLabel: 'Visit {name}', recentVisits: 'Recent visits on this phone',
  noMatch: 'Nothing found: try other words', pick: 'Choose', change: 'Change',
  assessTitle: 'Household risk assessment', score: 'Score {n}', level: 'Risk level', level_high: 'High risk', level_medium: 'Medium risk', level_low: 'Low risk',
  levelNone: 'Not assessed', saveAssessment: 'Save the assessment', assessLabel: 'Assessment {name}', noTemplate: 'No forms yet: sync when online',
  yes: 'Yes', no: 'No', answered: '{n} of {total} answered',
  householdTitle: 'Register a household', householdEdit: 'Change a household', address: 'Address', headName: 'Head of household', idNumber: 'ID number', phone: 'Mobile',
  badId: 'The ID number is wrong (check its last character)', badPhone: 'Enter a valid mobile number', saveHousehold: 'Save the household', needAddress: 'Enter the address',
  needName: 'Enter the name', householdLabel: 'New household {address}', householdEditLabel: 'Household change {address}', optional: ' (optional)',
  personTitle: 'Register a person', personEdit: 'Change a person', name: 'Name', relation: 'Relation to the head', savePerson: 'Save the person', personLabel: 'New person {name}',
  personEditLabel: 'Change {name}', inHousehold: 'Household', noHousehold: 'In no household', personType: 'Kind of resident',
  rel_02: 'Head', rel_10: 'Spouse', rel_20: 'Son', rel_30: 'Daughter', rel_40: 'Grandchild', rel_50: 'Parent', rel_60: 'Grandparent', rel_70: 'Sibling', rel_80: 'Other relative', rel_99: 'Other',
  ptype_01: 'Registered resident', ptype_02: 'Migrant', ptype_03: 'Left-behind', ptype_99: 'Foreign national',
  versionNote: 'Saving checks that nobody changed it meanwhile',
  draftRestored: 'Restored what you had not saved', savedLocal: 'Saved on this phone; it uploads when online', saving: 'Saving…', saveFailed: 'Could not save: {message}',
  laterTasks: 'Later visits ({n})',
  locatedTrack: 'Using the last point of the patrol track',
  reportFor: 'Report a problem: {item}',
  trackLabel: 'Patrol track',
  // The platform's own words (shell, sync, sign-in, update) are in shell-words.ts.
  online: 'Online',
  retry: 'Retry',
};

/** One Tibetan entry: the text and its review state (machine-made or non-native wording until a native speaker signs it off). */
export interface BoEntry { text: string; review: string }
export const boEntries = boFile as Record<string, BoEntry>;
/** Tibetan: entries not yet translated fall back to zh-CN (the county's working language). */
export const bo: Dict = { ...zhCN, ...Object.fromEntries(Object.entries(boEntries).filter(([k]) => k in zhCN).map(([k, e]) => [k, e.text])) };

export { pickLanguage, type Language };
/** The languages offered by the switch, each named in itself. */
export const languages: { code: Language; label: string }[] = [
  { code: 'zh-CN', label: '简体中文' }, { code: 'zh-TW', label: '繁體中文' }, { code: 'en', label: 'English' }, { code: 'bo', label: 'བོད་ཡིག' },
];
const dictionaries: Record<Language, Dict> = { 'zh-CN': zhCN, 'zh-TW': zhTW, en, bo };


const inBrowser = typeof document !== 'undefined';
/** The app's language (zh-CN outside a browser). */
export const language: Language = inBrowser ? pickLanguage(document.cookie.match(/(?:^|; )lang=([^;]+)/)?.[1], navigator.languages?.length ? navigator.languages : [navigator.language]) : 'zh-CN';
if (inBrowser) document.documentElement.lang = language;

/** Remembers a language in the `lang` cookie (the staff app and the server read it too) and reloads the app in it. */
export function switchLanguage(code: Language): void {
  document.cookie = `lang=${code}; path=/; max-age=31536000; samesite=strict`;
  location.reload();
}

/** The dictionary of a language. */
export const dictFor = (lang: Language): Dict => dictionaries[lang] ?? zhCN;

/** Fills `{name}` placeholders of a string. */
export function fill(text: string, values: Record<string, string | number> = {}): string {
  return text.replace(/\{(\w+)\}/g, (m, k: string) => (k in values ? String(values[k]) : m));
}

/** The app's words in its language. */
export const t: Dict = dictFor(language);
/** A word of the app's language with its placeholders filled. */
export const tr = (key: WordKey, values?: Record<string, string | number>): string => fill(t[key], values);

/** A text of a template or the server in the app's language: `{zh-CN, zh-TW, en, bo?}`, falling back to zh-CN. */
export function pick(text: Record<string, string> | undefined, lang: Language = language): string {
  if (!text) return '';
  return text[lang] || text['zh-CN'] || Object.values(text)[0] || '';
}

/** A day and time in China time for a Chinese reader (never UTC): "2026/12/02 09:05". */
export function chinaTime(iso: string, lang: Language = language): string {
  const loc = lang === 'bo' ? 'zh-CN' : lang;
  return new Date(iso).toLocaleString(loc, { hour12: false, timeZone: 'Asia/Shanghai', year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit' });
}

/** Today's China calendar day (YYYY-MM-DD) at `now`. */
export function chinaDay(now: Date = new Date()): string {
  return new Date(now.getTime() + 8 * 3600_000).toISOString().slice(0, 10);
}
