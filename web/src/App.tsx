/** The staff app's providers: Ant Design in the UI language, the query client, failures shown to the user, the router. */
import { useEffect, useState } from 'react';
import { App as AntApp, ConfigProvider } from 'antd';
import zhCN from 'antd/locale/zh_CN';
import zhTW from 'antd/locale/zh_TW';
import enUS from 'antd/locale/en_US';
import dayjs from 'dayjs';
import 'dayjs/locale/zh-cn';
import 'dayjs/locale/zh-tw';
import { useTranslation } from 'react-i18next';
import { QueryClientProvider } from '@tanstack/react-query';
import { RouterProvider } from 'react-router';
import { createQueryClient } from './data/query-client';
import { setErrorReporter } from './data/errors';
import { createRouter } from './router';

const antLocales: Record<string, typeof zhCN> = { 'zh-CN': zhCN, 'zh-TW': zhTW, en: enUS };
// Calendars and date pickers take month and weekday names from dayjs: 十月 and 周一, not Oct and Mo.
const dayjsLocales: Record<string, string> = { 'zh-CN': 'zh-cn', 'zh-TW': 'zh-tw', en: 'en' };

/** Routes query and action failures to Ant Design's message (it needs the App context, hence a component). */
function ErrorReporter() {
  const { message } = AntApp.useApp();
  useEffect(() => setErrorReporter((text) => void message.error(text)), [message]);
  return null;
}

export function App() {
  const { i18n } = useTranslation();
  const [client] = useState(createQueryClient);
  const [router] = useState(createRouter);
  dayjs.locale(dayjsLocales[i18n.language] ?? 'zh-cn');
  return (
    <ConfigProvider locale={antLocales[i18n.language] ?? zhCN} theme={{ token: { colorPrimary: '#1655c0' } }}>
      <AntApp style={{ height: '100%' }}>
        <ErrorReporter />
        <QueryClientProvider client={client}>
          <RouterProvider router={router} />
        </QueryClientProvider>
      </AntApp>
    </ConfigProvider>
  );
}
