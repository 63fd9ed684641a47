/** 人员: persons of the chosen scope or the search, masked, a page at a time; a name opens the person's card, a household its card. */
import { Button, Tag } from 'antd';
import { useTranslation } from 'react-i18next';
import type { PersonView } from '../../../../core/schemas/people.response';
import type { usePagedList } from '../../data/use-paged-list';
import { useCodes } from './people.api';
import { ResponsiveTable } from '../../ui/ResponsiveTable';

export function PersonsTab({ list, onOpen, onOpenHousehold }: { list: ReturnType<typeof usePagedList<PersonView>>; onOpen: (id: string) => void; onOpenHousehold: (id: string) => void }) {
  const { t } = useTranslation();
  const types = useCodes('person_type');
  const sexes = useCodes('sex');
  return (
    <ResponsiveTable data-testid="person-table" rowKey="id" size="middle" {...list.tableProps} scroll={{ x: 1000 }} columns={[
      { title: t('people.name'), dataIndex: 'name', render: (v: string, p: PersonView) => <Button type="link" size="small" style={{ padding: 0 }} onClick={() => onOpen(p.id)}>{v}</Button> },
      { title: t('people.sex'), dataIndex: 'sex', render: (v: string | null) => (v ? sexes[v] ?? v : '') },
      { title: t('people.age'), dataIndex: 'age', render: (v: number | null, p: PersonView) => (v === null ? '' : <>{v}{p.ageBand === 'under14' && <Tag color="purple" style={{ marginLeft: 6 }}>{t('people.under14')}</Tag>}</>) },
      { title: t('people.type'), dataIndex: 'personType', render: (v: string) => types[v] ?? v },
      { title: t('people.idNumber'), dataIndex: 'idNumber' },
      { title: t('people.phone'), dataIndex: 'phone' },
      { title: t('people.household'), dataIndex: 'household', render: (h: PersonView['household']) => (h ? <Button type="link" size="small" style={{ padding: 0, height: 'auto', whiteSpace: 'normal', textAlign: 'left' }} data-testid="person-household" onClick={() => onOpenHousehold(h.id)}>{[h.number, h.address].filter(Boolean).join(' · ') || t('people.householdCard')}</Button> : '') },
      { title: t('people.grid'), dataIndex: 'gridName', render: (v: string | null | undefined, p: PersonView) => v ?? p.gridCode },
    ]} />
  );
}
