/** Ant Design's own strings (pagination, date pickers, empty lists) for the UI language: zh-CN built in, the others fetched once. */
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import zhCN from 'antd/es/locale/zh_CN';
import dayjs from 'dayjs';
import 'dayjs/locale/zh-cn';
import 'dayjs/locale/zh-tw';

type AntLocale = typeof zhCN;
const dayjsLocales: Record<string, string> = { 'zh-CN': 'zh-cn', 'zh-TW': 'zh-tw', en: 'en' };
const loaded: Record<string, AntLocale> = { 'zh-CN': zhCN };
const loaders: Record<string, () => Promise<{ default: AntLocale }>> = {
  'zh-TW': () => import('antd/es/locale/zh_TW'),
  en: () => import('antd/es/locale/en_US'),
};

/** Fetches a language's Ant Design strings (resolves at once when already here or unknown). */
export async function loadAntdLocale(code: string): Promise<void> {
  if (loaded[code] || !loaders[code]) return;
  loaded[code] = (await loaders[code]()).default;
}

/** The Ant Design strings of the current UI language (zh-CN until another has arrived); sets dayjs's language too. */
export function useAntdLocale(): AntLocale {
  const { i18n } = useTranslation();
  const [, arrived] = useState(0);
  const code = i18n.language;
  // Calendars and date pickers take month and weekday names from dayjs: 十月 and 周一, not Oct and Mo.
  dayjs.locale(dayjsLocales[code] ?? 'zh-cn');
  useEffect(() => {
    if (!loaded[code]) void loadAntdLocale(code).then(() => arrived((n) => n + 1));
  }, [code]);
  return loaded[code] ?? zhCN;
}
