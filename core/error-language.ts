/**
 * One language per error: the field problems of an error answer are sent in the user's language only. A message
 * written in the user's language is kept (schemas and services write Chinese, zod writes English), a bilingual one
 * ("中文 (english)") keeps its half, and anything else is replaced by a short message built from the problem's code
 * and figures in that language, so a Chinese user never reads English and an English user never reads Chinese.
 */
import type { Locale } from './errors.ts';

const han = /\p{Script=Han}/u;
/** "手机号码格式不正确 (not a mainland mobile number)": a Chinese text with its English gloss in brackets. */
const bilingual = /^(.*\p{Script=Han}.*?)\s*\(([^()\p{Script=Han}]*[A-Za-z][^()\p{Script=Han}]*)\)$/u;

/** The message when it (or its half) is in `locale`'s language, else undefined. */
export function inLanguage(message: string, locale: Locale): string | undefined {
  const pair = bilingual.exec(message);
  if (pair) return locale === 'en' ? pair[2]!.trim() : pair[1]!.trim();
  const chinese = han.test(message);
  if (locale === 'en') return chinese || bareCode.test(message) ? undefined : message;
  // A value (a username, a code, a number) is no language: only English prose or a snake_case code is replaced.
  return chinese || !englishProse.test(message) ? message : undefined;
}

/** English words ("Too small: expected string…") or a bare problem code (`too_common`). */
const englishProse = /[A-Za-z]{2,}[\s:,]+[A-Za-z]{2,}|^[a-z]+(_[a-z]+)+$/;
/** A problem code sent as its own message (`too_common`): words for nobody. */
const bareCode = /^[a-z]+(_[a-z]+)+$/;

/** What a validation problem says about itself (a zod issue's code and figures). */
export interface IssueFacts {
  code: string;
  origin?: unknown;
  minimum?: unknown;
  maximum?: unknown;
  format?: unknown;
}

type Words = Record<Locale, string>;
const w = (zhCN: string, zhTW: string, en: string): Words => ({ 'zh-CN': zhCN, 'zh-TW': zhTW, en });

/** Words per problem; `{n}` is the limit. */
const words = {
  required: w('必填', '必填', 'Required'),
  minChars: w('至少 {n} 个字符', '至少 {n} 個字元', 'At least {n} characters'),
  maxChars: w('最多 {n} 个字符', '最多 {n} 個字元', 'At most {n} characters'),
  minItems: w('至少 {n} 项', '至少 {n} 項', 'At least {n} items'),
  maxItems: w('最多 {n} 项', '最多 {n} 項', 'At most {n} items'),
  minValue: w('不能小于 {n}', '不能小於 {n}', 'Must be at least {n}'),
  maxValue: w('不能大于 {n}', '不能大於 {n}', 'Must be at most {n}'),
  tooShort: w('太短或太小', '太短或太小', 'Too short or too small'),
  tooLong: w('太长或太大', '太長或太大', 'Too long or too large'),
  type: w('缺少或类型不正确', '缺少或類型不正確', 'Missing or of the wrong type'),
  format: w('格式不正确', '格式不正確', 'Wrong format'),
  email: w('邮箱格式不正确', '電子郵件格式不正確', 'Not an e-mail address'),
  option: w('不是可选的值', '不是可選的值', 'Not one of the allowed values'),
  unknownKey: w('含有不认识的字段', '含有不認識的欄位', 'Holds a field that is not expected'),
  invalid: w('此项有误', '此項有誤', 'Invalid value'),
  // The password policy's problems (core/password-policy.ts) and a taken name.
  too_short: w('密码太短：至少8位', '密碼太短：至少8位', 'Too short: at least 8 characters'),
  too_long: w('密码太长：最多128位', '密碼太長：最多128位', 'Too long: at most 128 characters'),
  too_few_classes: w('须包含大写字母、小写字母、数字、符号中的至少3类', '須包含大寫字母、小寫字母、數字、符號中的至少3類', 'Needs at least 3 of: upper case, lower case, digits, symbols'),
  too_common: w('这是常见密码，容易被猜到', '這是常見密碼，容易被猜到', 'A common password, easy to guess'),
  same_as_current: w('不能与当前密码相同', '不能與目前密碼相同', 'Must differ from the current password'),
  taken: w('已被占用', '已被佔用', 'Already taken'),
} satisfies Record<string, Words>;

/** Problem codes with words of their own (not zod's, whose words depend on the figures). */
const ownWords = { too_short: 1, too_long: 1, too_few_classes: 1, too_common: 1, same_as_current: 1, taken: 1 };

const say = (key: keyof typeof words, locale: Locale, n?: unknown) => words[key][locale].replace('{n}', String(n));

/** A short message for a validation problem in `locale`, from its code and figures only. */
export function issueText(f: IssueFacts, locale: Locale): string {
  const counted = f.origin === 'string' || f.origin === 'array' || f.origin === 'set';
  if (f.code in ownWords) return say(f.code as keyof typeof ownWords, locale);
  switch (f.code) {
    case 'too_small':
      if (f.minimum === undefined) return say('tooShort', locale);
      if (f.origin === 'string') return Number(f.minimum) === 1 ? say('required', locale) : say('minChars', locale, f.minimum);
      return counted ? say('minItems', locale, f.minimum) : say('minValue', locale, f.minimum);
    case 'too_big':
      if (f.maximum === undefined) return say('tooLong', locale);
      if (f.origin === 'string') return say('maxChars', locale, f.maximum);
      return counted ? say('maxItems', locale, f.maximum) : say('maxValue', locale, f.maximum);
    case 'invalid_type':
      return say('type', locale);
    case 'invalid_format':
    case 'invalid_string':
      return say(f.format === 'email' ? 'email' : 'format', locale);
    case 'invalid_value':
    case 'invalid_enum_value':
      return say('option', locale);
    case 'unrecognized_keys':
      return say('unknownKey', locale);
    default:
      return say('invalid', locale);
  }
}

/** A field problem's message in `locale`: its own words when they are in that language, else built from its facts. */
export function localiseIssue(message: string, facts: IssueFacts, locale: Locale): string {
  return inLanguage(message, locale) ?? issueText(facts, locale);
}
