/** 户: households of the chosen scope, a page at a time from the server, with their grid's name; a row opens the household's card. */
import { Tag } from 'antd';
import { useTranslation } from 'react-i18next';
import type { HouseholdView } from '../../../../core/schemas/people.response';
import type { usePagedList } from '../../data/use-paged-list';
import { riskColour } from './risk-colour';
import { ResponsiveTable } from '../../ui/ResponsiveTable';

export function HouseholdsTab({ list, onOpen }: { list: ReturnType<typeof usePagedList<HouseholdView>>; onOpen: (id: string) => void }) {
  const { t } = useTranslation();
  return (
    <ResponsiveTable data-testid="household-table" rowKey="id" size="middle" {...list.tableProps} scroll={{ x: 600 }}
      onRow={(h) => ({ onClick: () => onOpen(h.id), style: { cursor: 'pointer' } })}
      columns={[
        { title: t('people.address'), dataIndex: 'address' },
        { title: t('people.householdNumber'), dataIndex: 'number' },
        { title: t('people.members'), dataIndex: 'members', align: 'right' as const },
        { title: t('people.grid'), dataIndex: 'gridName', render: (v: string | null | undefined, h: HouseholdView) => v ?? h.gridCode },
        { title: t('people.risk'), dataIndex: 'riskLevel', render: (v: string) => <Tag color={riskColour[v]}>{t(`people.riskLevel.${v}`)}</Tag> },
      ]} />
  );
}
