/** The resident page's words (a few dozen strings: no i18n library, to keep the page small). */
const zhCN = {
  title: '我要反映', track: '进度查询', category: '问题类别', choose: '请选择', description: '问题描述', descHint: '请写清楚发生了什么、在哪里、持续多久',
  photos: '照片（最多9张）', addPhoto: '拍照/选图', voice: '语音留言', record: '按下录音', stop: '停止录音', location: '位置', useGps: '使用当前位置', pickMap: '在地图上选点',
  located: '已定位', name: '姓名（选填，不会公开）', phone: '手机号（选填，用于进度短信和回访）', submit: '提交', sending: '提交中…', done: '提交成功', yourCode: '您的查询编号',
  keep: '请保存编号，凭编号查询进度并评价', view: '查看进度', similar: '附近已有类似问题', meToo: '我也遇到', status: '当前状态', expected: '预计办结', steps: '办理过程', rate: '请评价办理结果',
  satisfied: '满意', basically: '基本满意', unsatisfied: '不满意', thanks: '感谢您的评价', enterCode: '输入查询编号', search: '查询', notFound: '未找到该编号', needLocation: '请先确定位置',
  uploading: '上传中', failed: '失败', retry: '网络不稳定，请重试（不会重复提交）', private: '非公开事项', meTooDone: '已记录，谢谢',
  keepLink: '请保存下面的进度链接：凭它查询进度，办结后凭它评价（只有您能评价）', rateNeedsLink: '请用提交后得到的进度链接打开本页再评价', meTooAlready: '您已反映过',
  st: { submitted: '待受理', accepted: '已受理', dispatched: '已派遣', in_progress: '处置中', reported_back: '已反馈', verified: '已核查，待评价', followed_up: '已回访', closed: '已办结', rejected: '不予受理', redirected: '已转其他单位', merged: '已合并' } as Record<string, string>,
  ev: { submit: '已上报', accept: '已受理', reject: '不予受理', redirect: '转其他单位', merge: '合并办理', dispatch: '已派遣', transfer: '转办', escalate: '上报上级', start: '开始处置', reportBack: '处置完毕', verify: '核查', followUp: '回访评价', close: '办结', closeUnresolved: '办结（未解决）', mergedIn: '合并入' } as Record<string, string>,
};
type Dict = typeof zhCN;
const en: Dict = {
  title: 'Report a problem', track: 'Track', category: 'Category', choose: 'Choose', description: 'Description', descHint: 'What happened, where, since when',
  photos: 'Photos (up to 9)', addPhoto: 'Take or pick', voice: 'Voice note', record: 'Record', stop: 'Stop', location: 'Location', useGps: 'Use my location', pickMap: 'Pick on the map',
  located: 'Located', name: 'Name (optional, never shown)', phone: 'Mobile (optional, for updates)', submit: 'Submit', sending: 'Sending…', done: 'Submitted', yourCode: 'Your tracking code',
  keep: 'Keep the code to follow progress and rate the result', view: 'See progress', similar: 'Similar problems nearby', meToo: 'Me too', status: 'Status', expected: 'Expected by', steps: 'Steps', rate: 'Rate the result',
  satisfied: 'Satisfied', basically: 'Basically', unsatisfied: 'Unsatisfied', thanks: 'Thank you', enterCode: 'Tracking code', search: 'Search', notFound: 'No such code', needLocation: 'Set the location first',
  uploading: 'Uploading', failed: 'Failed', retry: 'Network trouble: try again (it will not be sent twice)', private: 'Private matter', meTooDone: 'Noted, thank you',
  keepLink: 'Keep the link below: it shows the progress, and once the work is done it lets you (and only you) rate it', rateNeedsLink: 'To rate, open this page with the link you got after reporting', meTooAlready: 'You have already added your voice',
  st: { submitted: 'Submitted', accepted: 'Accepted', dispatched: 'Dispatched', in_progress: 'In progress', reported_back: 'Done by handler', verified: 'Checked, please rate', followed_up: 'Followed up', closed: 'Closed', rejected: 'Rejected', redirected: 'Sent to another unit', merged: 'Merged' },
  ev: { submit: 'Reported', accept: 'Accepted', reject: 'Rejected', redirect: 'Redirected', merge: 'Merged', dispatch: 'Dispatched', transfer: 'Transferred', escalate: 'Escalated', start: 'Work started', reportBack: 'Work done', verify: 'Checked', followUp: 'Rated', close: 'Closed', closeUnresolved: 'Closed (unresolved)', mergedIn: 'Merged in' },
};
const zhTW: Dict = { ...zhCN, title: '我要反映', track: '進度查詢', description: '問題描述', submit: '提交', yourCode: '您的查詢編號', view: '查看進度', status: '目前狀態', steps: '辦理過程', rate: '請評價辦理結果', satisfied: '滿意', basically: '基本滿意', unsatisfied: '不滿意',
  keepLink: '請保存下面的進度連結：憑它查詢進度，辦結後憑它評價（只有您能評價）', rateNeedsLink: '請用提交後得到的進度連結開啟本頁再評價', meTooAlready: '您已反映過', meTooDone: '已記錄，謝謝' };

const lang = (document.cookie.match(/(?:^|; )lang=([^;]+)/)?.[1] ?? (navigator.language.startsWith('en') ? 'en' : 'zh-CN')) as 'zh-CN' | 'zh-TW' | 'en';
export const t: Dict = lang === 'en' ? en : lang === 'zh-TW' ? zhTW : zhCN;
export const language = lang;
