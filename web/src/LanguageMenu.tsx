/** The language switch (简体中文, 繁體中文, English) shown in the header and on the sign-in pages. */
import { Button, Dropdown, Grid } from 'antd';
import { GlobalOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import { languages, setLanguage } from './i18n';

export function LanguageMenu() {
  const { t, i18n } = useTranslation();
  const screens = Grid.useBreakpoint();
  return (
    <Dropdown menu={{ items: languages.map((l) => ({ key: l.code, label: l.label })), onClick: ({ key }) => setLanguage(key), selectedKeys: [i18n.language] }}>
      <Button type="text" icon={<GlobalOutlined />} data-testid="language-switch" aria-label={t('common.language')}>
        {screens.md !== false ? languages.find((l) => l.code === i18n.language)?.label : null}
      </Button>
    </Dropdown>
  );
}
