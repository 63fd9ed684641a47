/**
 * Stable error codes. Clients rely on `code`; messages are localised. Each code says when it is thrown.
 * One handler in server/http/error-handler.ts maps them to HTTP statuses.
 */
export const errorCatalog = {
  /** Input failed its schema; `details` names the fields. */
  VALIDATION_FAILED: { status: 400, 'zh-CN': '输入有误，请检查标出的字段', 'zh-TW': '輸入有誤，請檢查標出的欄位', en: 'Some fields are invalid' },
  /** No session or token, or the session ended. */
  AUTH_REQUIRED: { status: 401, 'zh-CN': '请先登录', 'zh-TW': '請先登入', en: 'Please sign in' },
  /**
   * Username or password wrong, or the account locked (never says which: a locked account answers exactly like a
   * wrong password, so the lock tells a guesser nothing; the message says what a locked user needs to know).
   */
  AUTH_INVALID: { status: 401, 'zh-CN': '用户名或密码错误。连续失败5次，账号将锁定15分钟，请稍后再试或联系安全管理员', 'zh-TW': '使用者名稱或密碼錯誤。連續失敗5次，帳號將鎖定15分鐘，請稍後再試或聯絡安全管理員', en: 'Wrong username or password. After 5 failures in a row the account is locked for 15 minutes: try again later or ask your security administrator' },
  /** No longer answered: a locked account gets AUTH_INVALID (kept so old clients still know the code). */
  AUTH_LOCKED: { status: 423, 'zh-CN': '登录失败次数过多，账号已锁定15分钟', 'zh-TW': '登入失敗次數過多，帳號已鎖定15分鐘', en: 'Too many failed sign-ins: the account is locked for 15 minutes' },
  /** The account was disabled by an administrator. */
  AUTH_DISABLED: { status: 403, 'zh-CN': '账号已停用', 'zh-TW': '帳號已停用', en: 'This account is disabled' },
  /** The session was idle longer than the limit. */
  SESSION_EXPIRED: { status: 401, 'zh-CN': '长时间未操作，请重新登录', 'zh-TW': '長時間未操作，請重新登入', en: 'Your session timed out: please sign in again' },
  /** The user has TOTP enrolled and gave no code. */
  TOTP_REQUIRED: { status: 401, 'zh-CN': '请输入动态验证码', 'zh-TW': '請輸入動態驗證碼', en: 'Enter the code from your authenticator app' },
  /** The TOTP code is wrong or expired. */
  TOTP_INVALID: { status: 401, 'zh-CN': '动态验证码错误', 'zh-TW': '動態驗證碼錯誤', en: 'Wrong authenticator code' },
  /** The session may only enrol TOTP until it does. */
  TOTP_ENROLMENT_REQUIRED: { status: 403, 'zh-CN': '请先绑定动态验证码', 'zh-TW': '請先綁定動態驗證碼', en: 'Set up your authenticator app first' },
  /** An administrator set this password: the session may only change it. */
  PASSWORD_CHANGE_REQUIRED: { status: 403, 'zh-CN': '请先修改管理员为您设置的初始密码', 'zh-TW': '請先修改管理員為您設定的初始密碼', en: 'Change the password an administrator set for you first' },
  /** An integration token was sent in the URL (it would end up in logs and histories); send it in the Authorization header. */
  TOKEN_IN_URL: { status: 400, 'zh-CN': '令牌不能放在网址中，请放在 Authorization 请求头中', 'zh-TW': '權杖不能放在網址中，請放在 Authorization 請求標頭中', en: 'Tokens are not accepted in the URL: send them in the Authorization header' },
  /** Too many full reads of personal data in a short time; the security administrators were alerted. */
  REVEAL_LIMITED: { status: 429, 'zh-CN': '短时间内查看完整个人信息次数过多，已暂停并通知安全管理员', 'zh-TW': '短時間內查看完整個人資訊次數過多，已暫停並通知安全管理員', en: 'Too many full reads of personal data in a short time: paused, and the security administrators were told' },
  /** The actor lacks the permission for this action. */
  FORBIDDEN: { status: 403, 'zh-CN': '无权执行此操作', 'zh-TW': '無權執行此操作', en: 'You are not allowed to do this' },
  /** The record does not exist, or exists outside the actor's scope (the two are indistinguishable). */
  NOT_FOUND: { status: 404, 'zh-CN': '记录不存在', 'zh-TW': '記錄不存在', en: 'Not found' },
  /** A point lies outside every grid. */
  LOCATION_OUTSIDE_GRIDS: { status: 404, 'zh-CN': '该位置不在任何网格内', 'zh-TW': '該位置不在任何網格內', en: 'This location is outside every grid' },
  /** A unique value is taken (username, code). */
  CONFLICT: { status: 409, 'zh-CN': '记录已存在', 'zh-TW': '記錄已存在', en: 'Already exists' },
  /** A password does not meet the policy. */
  PASSWORD_TOO_WEAK: { status: 422, 'zh-CN': '密码至少8位，包含大写字母、小写字母、数字、符号中的至少3类，且不能是常见密码或与原密码相同', 'zh-TW': '密碼至少8位，包含大寫字母、小寫字母、數字、符號中的至少3類，且不能是常見密碼或與原密碼相同', en: 'Passwords need 8+ characters from at least 3 of: upper case, lower case, digits, symbols, and must not be a common password or the current one' },
  /** A scope or region code names no region the actor may use. */
  INVALID_SCOPE: { status: 422, 'zh-CN': '管辖范围无效或超出您的范围', 'zh-TW': '管轄範圍無效或超出您的範圍', en: 'The scope is invalid or outside your own' },
  /** An import file has errors; nothing was written. `details` lists them row by row. */
  IMPORT_INVALID: { status: 422, 'zh-CN': '导入文件有误，未写入任何数据', 'zh-TW': '匯入檔案有誤，未寫入任何資料', en: 'The import file has errors; nothing was written' },
  /** An import file is over a limit (size, uncompressed size, rows, cell length); `details` names the limit. */
  IMPORT_LIMIT: { status: 413, 'zh-CN': '导入文件超出限制，请按提示拆分或精简后重试', 'zh-TW': '匯入檔案超出限制，請依提示拆分或精簡後重試', en: 'The import file is over a limit: split or reduce it as described and retry' },
  /** The Idempotency-Key was used before with a different request. */
  IDEMPOTENCY_MISMATCH: { status: 422, 'zh-CN': '该幂等键已用于不同的请求', 'zh-TW': '該冪等鍵已用於不同的請求', en: 'This Idempotency-Key was used for a different request' },
  /** A request with this Idempotency-Key is still being processed. */
  IDEMPOTENCY_IN_FLIGHT: { status: 409, 'zh-CN': '相同请求正在处理中，请稍后重试', 'zh-TW': '相同請求正在處理中，請稍後重試', en: 'The same request is still being processed; retry shortly' },
  /** The workflow does not allow this action now, for this user. */
  INVALID_TRANSITION: { status: 409, 'zh-CN': '当前状态下不能执行此操作', 'zh-TW': '目前狀態下不能執行此操作', en: 'This action is not possible in the current state' },
  /** The record changed since it was read (another user acted first). */
  STALE_VERSION: { status: 409, 'zh-CN': '记录已被他人更新，请刷新后重试', 'zh-TW': '記錄已被他人更新，請重新整理後重試', en: 'Someone else changed this record; reload and try again' },
  /** An upload is not an accepted type, too large, or too many. */
  UPLOAD_REJECTED: { status: 422, 'zh-CN': '文件类型或大小不符合要求', 'zh-TW': '檔案類型或大小不符合要求', en: 'The file type or size is not accepted' },
  /** Too many uploaded files not yet attached to a report, from this address or in all. */
  UPLOAD_QUOTA_EXCEEDED: { status: 429, 'zh-CN': '未提交的上传文件过多，请先提交反映或稍后再试', 'zh-TW': '未提交的上傳檔案過多，請先提交反映或稍後再試', en: 'Too many uploaded files not yet sent with a report; send the report or try later' },
  /** Too many requests from one client. */
  RATE_LIMITED: { status: 429, 'zh-CN': '请求过于频繁，请稍后再试', 'zh-TW': '請求過於頻繁，請稍後再試', en: 'Too many requests: try again later' },
  /** The database could not be reached or dropped the connection; nothing was saved, so retrying is safe. */
  UNAVAILABLE: { status: 503, 'zh-CN': '服务暂时不可用，本次操作未保存，请稍后重试', 'zh-TW': '服務暫時無法使用，本次操作未儲存，請稍後重試', en: 'Service temporarily unavailable; nothing was saved, please retry' },
  /** Anything unexpected; details go to the log, never to the client. */
  INTERNAL: { status: 500, 'zh-CN': '系统内部错误', 'zh-TW': '系統內部錯誤', en: 'Internal error' },
} as const;

export type ErrorCode = keyof typeof errorCatalog;
export const locales = ['zh-CN', 'zh-TW', 'en'] as const;
export type Locale = (typeof locales)[number];

/** One problem with one input field or import row. */
export interface FieldIssue {
  /** Dotted path of the field, or `row N` for imports. */
  path: string;
  /** A stable sub-code, e.g. `too_small`, `bad_code`. */
  code: string;
  /** Human-readable text (zh-CN by default). */
  message: string;
  /** A stale change: the record as it is now (masked, as the API shows it), so the client can show mine vs theirs. */
  current?: unknown;
}

/** The one error type services throw; the HTTP layer turns it into `{error:{code,message,details}}`. */
export class AppError extends Error {
  constructor(
    readonly code: ErrorCode,
    readonly details: FieldIssue[] = [],
  ) {
    super(code);
    this.name = 'AppError';
  }
}

/** Picks the best supported locale from an Accept-Language header or cookie value. */
export function pickLocale(header: string | undefined | null): Locale {
  if (!header) return 'zh-CN';
  for (const part of header.split(',')) {
    const tag = part.split(';')[0]!.trim().toLowerCase();
    if (tag === 'zh-tw' || tag === 'zh-hk' || tag === 'zh-hant' || tag.startsWith('zh-hant')) return 'zh-TW';
    if (tag.startsWith('zh')) return 'zh-CN';
    if (tag.startsWith('en')) return 'en';
  }
  return 'zh-CN';
}

/** The localised message for a code. */
export function errorMessage(code: ErrorCode, locale: Locale): string {
  return errorCatalog[code][locale];
}

/** The answer to a change made with a version someone else has changed meanwhile (optimistic concurrency). */
export function staleVersion(current?: unknown): AppError {
  return new AppError('CONFLICT', [{ path: 'body.version', code: 'stale', message: '记录已被他人修改，请刷新后重试', ...(current === undefined ? {} : { current }) }]);
}
