/**
 * The resident page's words in zh-CN, zh-TW and en (a few dozen strings: no i18n library, to keep the page small),
 * Tibetan in locales/bo.json (every entry awaiting a native speaker's review; a missing one falls back to zh-CN),
 * and how the page picks its language. No DOM here, so tests read it.
 */
import boFile from './locales/bo.json';
import type { Language } from './pick-language';

export const zhCN = {
  brand: '安网', title: '我要反映', track: '进度查询', category: '问题类别', choose: '请选择', description: '问题描述', descHint: '请写清楚发生了什么、在哪里、持续多久',
  photos: '照片（最多9张）', addPhoto: '拍照/选图', voice: '语音留言', record: '按下录音', stop: '停止录音', location: '位置', useGps: '使用当前位置', pickMap: '在地图上选点',
  locating: '正在定位…', gpsFailed: '无法获取当前位置，请在地图上选点', orMap: '定位不准？',
  located: '已定位', name: '姓名（选填，不会公开）', phone: '手机号（选填，用于进度短信和回访）', submit: '提交', sending: '提交中…', done: '提交成功', yourCode: '您的查询编号',
  keep: '请保存编号，凭编号查询进度并评价', view: '查看进度', similar: '附近已有类似问题', meToo: '我也遇到', status: '当前状态',
  respondBy: '1 小时内响应，最迟', expected: '预计办结', steps: '办理过程', rate: '请评价办理结果',
  satisfied: '满意', basically: '基本满意', unsatisfied: '不满意', thanks: '感谢您的评价', enterCode: '输入查询编号', search: '查询', notFound: '未找到该编号', needLocation: '请先确定位置',
  uploading: '上传中', failed: '失败', retry: '网络不稳定，请重试（不会重复提交）', private: '非公开事项', meTooDone: '已记录，谢谢',
  keepLink: '请保存下面的进度链接：凭它查询进度，办结后凭它评价（只有您能评价）', rateNeedsLink: '请用提交后得到的进度链接打开本页再评价', meTooAlready: '您已反映过',
  confidential: '（保密）', privateNote: '保密事项：不公开类别、地点和内容，不接受他人"我也遇到"；您的姓名和电话只有办理人员可见。凭进度链接只有您能看到办理结果。',
  privateGroup: '保密反映', result: '办理结果', resultPhotos: '处置后照片', language: '语言', colon: '：', petition: '网上信访', mediation: '申请调解',
  st: { submitted: '待受理', accepted: '已受理', dispatched: '已派遣', in_progress: '处置中', reported_back: '已反馈', verified: '已核查，待评价', followed_up: '已回访', closed: '已办结', rejected: '不予受理', redirected: '已转其他单位', merged: '已合并' } as Record<string, string>,
  ev: { submit: '已上报', accept: '已受理', reject: '不予受理', redirect: '转其他单位', merge: '合并办理', dispatch: '已派遣', transfer: '转办', escalate: '上报上级', start: '开始处置', reportBack: '处置完毕', verify: '核查', followUp: '回访评价', close: '办结', closeUnresolved: '办结（未解决）', mergedIn: '合并入' } as Record<string, string>,
};
export type Dict = typeof zhCN;
export const zhTW: Dict = {
  brand: '安網', title: '我要反映', track: '進度查詢', category: '問題類別', choose: '請選擇', description: '問題描述', descHint: '請寫清楚發生了什麼、在哪裡、持續多久',
  photos: '照片（最多9張）', addPhoto: '拍照/選圖', voice: '語音留言', record: '按下錄音', stop: '停止錄音', location: '位置', useGps: '使用目前位置', pickMap: '在地圖上選點',
  locating: '正在定位…', gpsFailed: '無法取得目前位置，請在地圖上選點', orMap: '定位不準？',
  located: '已定位', name: '姓名（選填，不會公開）', phone: '手機號碼（選填，用於進度簡訊和回訪）', submit: '提交', sending: '提交中…', done: '提交成功', yourCode: '您的查詢編號',
  keep: '請保存編號，憑編號查詢進度並評價', view: '查看進度', similar: '附近已有類似問題', meToo: '我也遇到', status: '目前狀態',
  respondBy: '1 小時內回應，最遲', expected: '預計辦結', steps: '辦理過程', rate: '請評價辦理結果',
  satisfied: '滿意', basically: '基本滿意', unsatisfied: '不滿意', thanks: '感謝您的評價', enterCode: '輸入查詢編號', search: '查詢', notFound: '找不到該編號', needLocation: '請先確定位置',
  uploading: '上傳中', failed: '失敗', retry: '網路不穩定，請重試（不會重複提交）', private: '非公開事項', meTooDone: '已記錄，謝謝',
  keepLink: '請保存下面的進度連結：憑它查詢進度，辦結後憑它評價（只有您能評價）', rateNeedsLink: '請用提交後得到的進度連結開啟本頁再評價', meTooAlready: '您已反映過',
  confidential: '（保密）', privateNote: '保密事項：不公開類別、地點和內容，不接受他人「我也遇到」；您的姓名和電話只有辦理人員可見。憑進度連結只有您能看到辦理結果。',
  privateGroup: '保密反映', result: '辦理結果', resultPhotos: '處置後照片', language: '語言', colon: '：', petition: '網上信訪', mediation: '申請調解',
  st: { submitted: '待受理', accepted: '已受理', dispatched: '已派遣', in_progress: '處置中', reported_back: '已回饋', verified: '已核查，待評價', followed_up: '已回訪', closed: '已辦結', rejected: '不予受理', redirected: '已轉其他單位', merged: '已合併' },
  ev: { submit: '已上報', accept: '已受理', reject: '不予受理', redirect: '轉其他單位', merge: '合併辦理', dispatch: '已派遣', transfer: '轉辦', escalate: '上報上級', start: '開始處置', reportBack: '處置完畢', verify: '核查', followUp: '回訪評價', close: '辦結', closeUnresolved: '辦結（未解決）', mergedIn: '合併入' },
};
export const en: Dict = {
  brand: 'Anwang', title: 'Report a problem', track: 'Track', category: 'Category', choose: 'Choose', description: 'Description', descHint: 'What happened, where, since when',
  photos: 'Photos (up to 9)', addPhoto: 'Take or pick', voice: 'Voice note', record: 'Record', stop: 'Stop', location: 'Location', useGps: 'Use my location', pickMap: 'Pick on the map',
  locating: 'Locating…', gpsFailed: 'Could not get your location: pick the place on the map', orMap: 'Not accurate?',
  located: 'Located', name: 'Name (optional, never shown)', phone: 'Mobile (optional, for updates and a follow-up call)', submit: 'Submit', sending: 'Sending…', done: 'Submitted', yourCode: 'Your tracking code',
  keep: 'Keep the code to follow progress and rate the result', view: 'See progress', similar: 'Similar problems nearby', meToo: 'Me too', status: 'Status',
  respondBy: 'A response within an hour, by', expected: 'Expected to be resolved by', steps: 'Steps', rate: 'Rate the result',
  satisfied: 'Satisfied', basically: 'Fairly satisfied', unsatisfied: 'Unsatisfied', thanks: 'Thank you for rating', enterCode: 'Tracking code', search: 'Search', notFound: 'No such code', needLocation: 'Set the location first',
  uploading: 'Uploading', failed: 'Failed', retry: 'Network trouble: try again (it will not be sent twice)', private: 'Private matter', meTooDone: 'Noted, thank you',
  keepLink: 'Keep the link below: it shows the progress, and once the work is done it lets you (and only you) rate it', rateNeedsLink: 'To rate, open this page with the link you got after reporting', meTooAlready: 'You have already added your voice',
  confidential: ' (confidential)', privateNote: 'Confidential: the category, place and text are never shown publicly and nobody can add "me too"; only the staff handling it see your name and phone. Only you, with the tracking link, see the result.',
  privateGroup: 'In confidence', result: 'Result', resultPhotos: 'Photos after the work', language: 'Language', colon: ': ', petition: 'Online petition', mediation: 'Apply for mediation',
  st: { submitted: 'Submitted', accepted: 'Accepted', dispatched: 'Dispatched', in_progress: 'In progress', reported_back: 'Done by handler', verified: 'Checked, please rate', followed_up: 'Followed up', closed: 'Closed', rejected: 'Rejected', redirected: 'Sent to another unit', merged: 'Merged' },
  ev: { submit: 'Reported', accept: 'Accepted', reject: 'Rejected', redirect: 'Redirected', merge: 'Merged', dispatch: 'Dispatched', transfer: 'Transferred', escalate: 'Escalated', start: 'Work started', reportBack: 'Work done', verify: 'Checked', followUp: 'Rated', close: 'Closed', closeUnresolved: 'Closed (unresolved)', mergedIn: 'Merged in' },
};

/** One Tibetan entry: its text and review state (written by a non-native speaker until one signs it off). */
export interface BoEntry { text: string; review: string }
export const boEntries = boFile as Record<string, BoEntry>;
const boText = (key: string, fallback: string) => boEntries[key]?.text ?? fallback;
const boMap = (prefix: string, m: Record<string, string>) => Object.fromEntries(Object.entries(m).map(([k, v]) => [k, boText(`${prefix}.${k}`, v)]));
/** Tibetan: the entries of locales/bo.json over zh-CN (the county's working language) for any not written yet. */
export const bo: Dict = { ...(Object.fromEntries(Object.entries(zhCN).map(([k, v]) => [k, typeof v === 'string' ? boText(k, v) : boMap(k, v)])) as Dict) };

export { pickLanguage, type Language } from './pick-language';
/** The languages offered by the switch, each named in itself. */
export const languages: { code: Language; label: string }[] = [{ code: 'zh-CN', label: '简体中文' }, { code: 'zh-TW', label: '繁體中文' }, { code: 'en', label: 'English' }, { code: 'bo', label: 'བོད་ཡིག' }];

