/**
 * 指派: on a coverage row "无责任人", who manages the grid picks the person's responsible worker by name (the
 * accounts that may be given the person, fetched when the picker opens); the report refreshes and the row leaves
 * the "no worker" count. Households have no such assignment (their grid's worker is theirs): no action there.
 */
import { useState } from 'react';
import { App, Button, Select, Space } from 'antd';
import { useTranslation } from 'react-i18next';
import { errorText } from '../../data/errors';
import { useAssignCare, useCareWorkers } from './coverage.api';

export function AssignWorker({ personId }: { personId: string }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const [open, setOpen] = useState(false);
  const workers = useCareWorkers(personId, open);
  const assign = useAssignCare();
  if (!open) return <Button size="small" type="link" onClick={() => setOpen(true)} data-testid={`cov-assign-${personId}`}>{t('coverage.assign')}</Button>;
  return (
    <Space wrap size={4}>
      <Select autoFocus defaultOpen size="small" style={{ minWidth: 140 }} popupMatchSelectWidth={false} placeholder={t('coverage.assignPick')} loading={workers.isLoading} disabled={assign.isPending}
        notFoundContent={workers.isLoading ? undefined : t('coverage.assignNone')} data-testid={`cov-assign-select-${personId}`}
        // The village's own accounts come first (the server's order); each says where it serves and as what, unless
        // its name says so already (a shared account named "浩门镇 网格员").
        options={(workers.data ?? []).map((w) => ({ value: w.id, label: [w.name, ...[w.place, w.role && t(`role.${w.role}`)].filter((x) => x && !w.name.includes(x))].join(' · ') }))}
        onChange={(workerId: string) => assign.mutate({ personId, workerId }, {
          onSuccess: (r) => void message.success(t('coverage.assigned', { name: r.worker.name })),
          onError: (e) => void message.error(errorText(e)),
        })} />
      <Button size="small" onClick={() => setOpen(false)}>{t('common.cancel')}</Button>
    </Space>
  );
}
