/** The language switch's drop-down: open when it arrives (the pointer or focus is already on the button). */
import { useState, type ReactElement } from 'react';
import { Dropdown } from 'antd';
import { useTranslation } from 'react-i18next';
import { languages, setLanguage } from '../i18n';

export function LanguageDropdown({ children }: { children: ReactElement }) {
  const { i18n } = useTranslation();
  const [open, setOpen] = useState(true);
  return (
    <Dropdown
      open={open}
      onOpenChange={setOpen}
      menu={{ items: languages.map((l) => ({ key: l.code, label: l.label })), onClick: ({ key }) => { setOpen(false); setLanguage(key); }, selectedKeys: [i18n.language] }}
    >
      {children}
    </Dropdown>
  );
}
