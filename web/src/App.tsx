/** The staff app's providers: Ant Design in the UI language, the query client, the router. */
import { useState } from 'react';
import { ConfigProvider } from 'antd';
import { QueryClientProvider } from '@tanstack/react-query';
import { createQueryClient } from './data/query-client';
import { AppRoutes } from './router';
import { useAntdLocale } from './ui/antd-locale';
import { useMe } from './features/auth/auth.api';

/** Asks who is signed in at the first render, while the route's script is still on its way. */
function AskWhoIsSignedIn() {
  useMe();
  return null;
}

export function App() {
  const locale = useAntdLocale();
  const [client] = useState(createQueryClient);
  return (
    <ConfigProvider locale={locale} theme={{ token: { colorPrimary: '#1655c0' } }}>
      <QueryClientProvider client={client}>
        <AskWhoIsSignedIn />
        <AppRoutes />
      </QueryClientProvider>
    </ConfigProvider>
  );
}
