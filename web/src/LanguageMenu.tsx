/**
 * The language switch (简体中文, 繁體中文, English) shown in the header and on the sign-in pages. The button is drawn at
 * once; its drop-down (Ant Design's menu, a sizeable script) is fetched when the pointer or focus first reaches it.
 */
import { lazy, Suspense, useState } from 'react';
import { Button, Grid } from 'antd';
import { GlobalOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import { languages } from './i18n';

const LanguageDropdown = lazy(() => import('./ui/LanguageDropdown').then((m) => ({ default: m.LanguageDropdown })));

export function LanguageMenu() {
  const { t, i18n } = useTranslation();
  const screens = Grid.useBreakpoint();
  const [wanted, setWanted] = useState(false);
  const want = () => setWanted(true);
  const button = (
    <Button type="text" icon={<GlobalOutlined />} data-testid="language-switch" aria-label={t('common.language')} onMouseEnter={want} onFocus={want} onClick={want}>
      {screens.md !== false ? languages.find((l) => l.code === i18n.language)?.label : null}
    </Button>
  );
  if (!wanted) return button;
  return (
    <Suspense fallback={button}>
      <LanguageDropdown>{button}</LanguageDropdown>
    </Suspense>
  );
}
