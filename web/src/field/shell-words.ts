/**
 * The platform's words that words.ts (helper U) does not hold: sign-in, the storage answer, the conflict screen.
 * Tibetan falls back to Chinese here, as words.ts does for entries not yet written.
 */
import { fill, language } from './words';

const zhCN = {
  signInTitle: '网格员登录',
  totp: '动态验证码',
  signingIn: '正在登录…',
  signInOffline: '没有网络：第一次登录需要联网，之后离线也能用',
  signInStage: '请先在电脑上登录安网，完成修改密码或绑定动态验证码',
  signInPermission: '这个账号不能记录走访和巡查',
  reSignInButton: '重新登录',
  noScreen: '没有这个页面',
  nothingYet: '还没有记录',
  discardConfirm: '放弃后这条记录不会上传，确定吗？',
  resolve: '处理冲突',
  state_discarded: '已放弃',
  persistTitle: '本机存储',
  persistUnknown: '本机存储：这个浏览器不支持申请持久保存，请及时同步',
  conflictIntro: '您离线修改时，别人已经改过这条资料。请选择保留哪一份：',
  conflictGone: '这条冲突已经处理过了',
  conflictNoCurrent: '服务器没有给出现在的数据，请联网后重试',
  changedFields: '有变化的项目',
  account: '账号',
  requestFailed: '请求失败',
};
type Words = typeof zhCN;

const zhTW: Words = {
  signInTitle: '網格員登入',
  totp: '動態驗證碼',
  signingIn: '正在登入…',
  signInOffline: '沒有網路：第一次登入需要連網，之後離線也能用',
  signInStage: '請先在電腦上登入安網，完成修改密碼或綁定動態驗證碼',
  signInPermission: '這個帳號不能記錄走訪和巡查',
  reSignInButton: '重新登入',
  noScreen: '沒有這個頁面',
  nothingYet: '還沒有記錄',
  discardConfirm: '放棄後這筆記錄不會上傳，確定嗎？',
  resolve: '處理衝突',
  state_discarded: '已放棄',
  persistTitle: '本機儲存',
  persistUnknown: '本機儲存：這個瀏覽器不支援申請持久保存，請及時同步',
  conflictIntro: '您離線修改時，別人已經改過這筆資料。請選擇保留哪一份：',
  conflictGone: '這筆衝突已經處理過了',
  conflictNoCurrent: '伺服器沒有給出現在的資料，請連網後重試',
  changedFields: '有變化的項目',
  account: '帳號',
  requestFailed: '請求失敗',
};

const en: Words = {
  signInTitle: 'Grid worker sign-in',
  totp: 'Authenticator code',
  signingIn: 'Signing in…',
  signInOffline: 'No connection: the first sign-in needs the network; afterwards the app works offline',
  signInStage: 'Sign in to Anwang on a computer first to change your password or set up the authenticator',
  signInPermission: 'This account cannot record visits or patrols',
  reSignInButton: 'Sign in again',
  noScreen: 'No such page',
  nothingYet: 'No records yet',
  discardConfirm: 'A discarded record is never uploaded. Discard it?',
  resolve: 'Resolve',
  state_discarded: 'Discarded',
  persistTitle: 'Storage on this phone',
  persistUnknown: 'Storage: this browser cannot be asked to keep data permanently; sync often',
  conflictIntro: 'Someone changed this record while you were offline. Choose which version to keep:',
  conflictGone: 'This conflict has been resolved already',
  conflictNoCurrent: 'The server sent no current data; retry when online',
  changedFields: 'What differs',
  account: 'Account',
  requestFailed: 'Request failed',
};

/** The platform's extra words in the app's language. */
export const sw: Words = language === 'en' ? en : language === 'zh-TW' ? zhTW : zhCN;
/** One of them with `{name}` placeholders filled. */
export const swr = (key: keyof Words, values?: Record<string, string | number>): string => fill(sw[key], values);
/** All three dictionaries (the words test compares their keys). */
export const shellDictionaries = { 'zh-CN': zhCN, 'zh-TW': zhTW, en };
