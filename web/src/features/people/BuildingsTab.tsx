/**
 * 楼栋与出租房: a grid's buildings and its rental ledger (出租房屋台账); the building card lists its dwellings, each
 * with its rental registration (landlord masked) and tenants, and the forms to add a dwelling, register a rental,
 * move a tenant in (by exact ID number) and out.
 */
import { useState } from 'react';
import { Button, Card, DatePicker, Descriptions, Drawer, Empty, Form, Input, InputNumber, Modal, Select, Space, Tag, Typography } from 'antd';
import dayjs from 'dayjs';
import { useTranslation } from 'react-i18next';
import type { BuildingCard, Dwelling, LedgerRow, Tenant } from '../../../../core/schemas/people.response';
import { options, useCreateOrCorrect, useSave } from './PersonForms';
import { registryWrites, useBuilding, useBuildings, useCodes, useRentals } from './people.api';
import { PointFields } from './PlaceForms';
import { GridName } from './GridName';
import { ResponsiveTable } from '../../ui/ResponsiveTable';
import { chinaPickerValue } from '../../data/china-clock';

const day = (d: dayjs.Dayjs | undefined) => (d ? d.format('YYYY-MM-DD') : undefined);

/** The 楼栋与出租房 tab of a grid (a grid must be chosen: buildings and rentals are kept per grid). */
export function BuildingsTab({ grid, canWrite }: { grid?: string; canWrite: boolean }) {
  const { t } = useTranslation();
  const uses = useCodes('rental_use');
  const buildings = useBuildings(grid).data ?? [];
  const ledger = useRentals(grid).data ?? [];
  const [cardId, setCardId] = useState<string | undefined>();
  const card = useBuilding(cardId).data ?? null;
  const [adding, setAdding] = useState(false);
  const [editing, setEditing] = useState(false);
  const open = (id: string) => setCardId(id);

  if (!grid) return <Empty data-testid="buildings-pick-grid" description={t('people.scope.pickGridBuildings')} />;
  return (
    <>
      <Space style={{ marginBottom: 8 }}>
        {canWrite && <Button data-testid="add-building" onClick={() => setAdding(true)}>{t('people.addBuilding')}</Button>}
      </Space>
      <ResponsiveTable data-testid="building-table" rowKey="id" size="middle" dataSource={buildings} pagination={{ pageSize: 20, showSizeChanger: false }} scroll={{ x: 500 }}
        onRow={(b) => ({ onClick: () => void open(b.id), style: { cursor: 'pointer' } })}
        columns={[
          { title: t('common.name'), dataIndex: 'name' },
          { title: t('people.floors'), dataIndex: 'floors' },
          { title: t('people.address'), dataIndex: 'address' },
        ]} />
      <Space style={{ marginTop: 16, marginBottom: 8 }} align="center">
        <Typography.Title level={5} style={{ margin: 0 }}>{t('people.rentalLedger')}</Typography.Title>
        {grid && <Button size="small" data-testid="rental-export" href={`/api/rentals/export?grid=${grid}`} title={t('people.exportLedgerHint')}>{t('people.exportLedger')}</Button>}
      </Space>
      <ResponsiveTable data-testid="rental-table" rowKey="id" size="small" dataSource={ledger} pagination={false} scroll={{ x: 700 }}
        onRow={(r) => ({ onClick: () => r.buildingId && void open(r.buildingId), style: { cursor: 'pointer' } })}
        columns={[
          { title: t('people.building'), dataIndex: 'buildingName' },
          { title: t('people.dwelling'), dataIndex: 'label' },
          { title: t('people.rentalUse'), dataIndex: 'use', render: (v: string | null) => (v ? uses[v] ?? v : '') },
          { title: t('people.landlord'), render: (_: unknown, r: LedgerRow) => [r.landlord.name, r.landlord.phone].filter(Boolean).join(' ') },
          { title: t('people.registeredOn'), dataIndex: 'registeredOn' },
          { title: t('people.tenants'), dataIndex: 'tenants' },
        ]} />
      <BuildingModal open={adding} grid={grid} onClose={() => setAdding(false)} onSaved={() => setAdding(false)} />
      <BuildingModal open={editing} building={card ?? undefined} onClose={() => setEditing(false)} onSaved={() => setEditing(false)} />
      <Drawer open={!!cardId && !!card} onClose={() => setCardId(undefined)} title={card ? `${t('people.buildingCard')} · ${card.name}` : ''} width={Math.min(600, window.innerWidth)} data-testid="building-card"
        extra={canWrite && <Button data-testid="edit-building" onClick={() => setEditing(true)}>{t('people.edit')}</Button>}>
        {card && <BuildingDetail card={card} uses={uses} canWrite={canWrite} />}
      </Drawer>
    </>
  );
}

/** A building's dwellings; every write refreshes the registry's queries (this card, the ledger, the list) by itself. */
function BuildingDetail({ card, uses, canWrite }: { card: BuildingCard; uses: Record<string, string>; canWrite: boolean }) {
  const { t } = useTranslation();
  const [dwellingForm] = Form.useForm();
  const addDwelling = useSave(dwellingForm, (v, i) => registryWrites.addDwelling(card.id, v, i), () => undefined);
  const [action, setAction] = useState<{ kind: 'rental' | 'tenant' | 'end'; dwelling: Dwelling; tenant?: Tenant } | null>(null);
  const done = () => setAction(null);
  return (
    <>
      <Descriptions size="small" column={1} items={[
        { label: t('people.grid'), children: <GridName code={card.gridCode} /> },
        { label: t('people.address'), children: card.address ?? '—' },
        { label: t('people.floors'), children: card.floors ?? '—' },
      ]} />
      {canWrite && (
        <Form form={dwellingForm} layout="inline" style={{ margin: '12px 0' }} onFinish={addDwelling} data-testid="dwelling-form">
          <Form.Item name="label" rules={[{ required: true, message: t('common.required') }]}><Input placeholder={t('people.dwellingLabel')} maxLength={60} /></Form.Item>
          <Button htmlType="submit">{t('people.addDwelling')}</Button>
        </Form>
      )}
      {card.dwellings.length === 0 && <Empty description={t('people.noDwellings')} />}
      <Space direction="vertical" style={{ width: '100%' }}>
        {card.dwellings.map((d) => (
          <Card key={d.id} size="small" data-testid={`dwelling-${d.label}`}
            title={<>{d.label} {d.isRental && <Tag color="orange">{t('people.rental')}{d.rental?.use ? ` · ${uses[d.rental.use] ?? d.rental.use}` : ''}</Tag>}</>}
            extra={canWrite && (
              <Space size={4}>
                <Button size="small" onClick={() => setAction({ kind: 'rental', dwelling: d })}>{d.isRental ? t('people.changeRental') : t('people.registerRental')}</Button>
                {d.isRental && <Button size="small" type="primary" onClick={() => setAction({ kind: 'tenant', dwelling: d })}>{t('people.addTenant')}</Button>}
              </Space>
            )}>
            {d.rental && <Typography.Paragraph type="secondary" style={{ marginBottom: 8 }}>{t('people.landlord')}：{[d.rental.landlord.name, d.rental.landlord.phone].filter(Boolean).join(' ')}{d.rental.landlord.personId ? '' : ` (${t('people.landlordOutside')})`} · {t('people.registeredOn')} {d.rental.registeredOn}</Typography.Paragraph>}
            {d.tenants.length > 0 && (
              <ResponsiveTable rowKey="personId" size="small" pagination={false} dataSource={d.tenants} columns={[
                { title: t('people.name'), dataIndex: 'name' },
                { title: t('people.age'), dataIndex: 'age' },
                { title: t('people.phone'), dataIndex: 'phone' },
                { title: t('people.since'), dataIndex: 'since' },
                ...(canWrite ? [{ title: '', key: 'end', render: (_: unknown, x: Tenant) => <Button size="small" danger onClick={() => setAction({ kind: 'end', dwelling: d, tenant: x })}>{t('people.endTenancy')}</Button> }] : []),
              ]} />
            )}
            {d.isRental && d.tenants.length === 0 && <Typography.Text type="secondary">{t('people.noTenants')}</Typography.Text>}
            {d.pastTenants.length > 0 && <Typography.Paragraph type="secondary" style={{ marginTop: 8, marginBottom: 0 }}>{t('people.pastTenants')}：{d.pastTenants.map((x) => `${x.name} ${x.since}～${x.until}`).join('；')}</Typography.Paragraph>}
          </Card>
        ))}
      </Space>
      <RentalModal open={action?.kind === 'rental'} dwelling={action?.dwelling} uses={uses} onClose={() => setAction(null)} onSaved={done} />
      <TenantModal open={action?.kind === 'tenant'} dwelling={action?.dwelling} onClose={() => setAction(null)} onSaved={done} />
      <EndTenancyModal open={action?.kind === 'end'} dwelling={action?.dwelling} tenant={action?.tenant} onClose={() => setAction(null)} onSaved={done} />
    </>
  );
}

/** 登记楼栋 / 修改楼栋: name, address, floors, and a point when known (it must fall inside the grid). */
function BuildingModal({ open, grid, building, onClose, onSaved }: { open: boolean; grid?: string; building?: BuildingCard; onClose: () => void; onSaved: () => void }) {
  const { t } = useTranslation();
  const [form] = Form.useForm();
  const save = useCreateOrCorrect(form, '/api/buildings', building, { gridCode: grid }, onSaved);
  return (
    <Modal open={open} title={building ? t('people.editBuilding') : t('people.addBuilding')} onOk={save} onCancel={onClose} okText={t('common.ok')} cancelText={t('common.cancel')} destroyOnHidden>
      <Form form={form} layout="vertical" data-testid="building-form" initialValues={building ? { name: building.name, address: building.address ?? undefined, floors: building.floors ?? undefined, lat: building.lat ?? undefined, lng: building.lng ?? undefined } : {}}>
        <Form.Item name="name" label={t('common.name')} rules={[{ required: true, message: t('common.required') }]}><Input maxLength={100} /></Form.Item>
        <Form.Item name="address" label={t('people.address')}><Input maxLength={200} /></Form.Item>
        <Form.Item name="floors" label={t('people.floors')}><InputNumber min={1} max={200} /></Form.Item>
        <PointFields />
      </Form>
    </Modal>
  );
}

/** 出租房屋登记: the landlord by ID number; a landlord not registered in the county needs a name. */
function RentalModal({ open, dwelling, uses, onClose, onSaved }: { open: boolean; dwelling?: Dwelling; uses: Record<string, string>; onClose: () => void; onSaved: () => void }) {
  const { t } = useTranslation();
  const [form] = Form.useForm();
  const save = useSave(form, (v, i) => registryWrites.registerRental(dwelling!.id, { ...Object.fromEntries(Object.entries(v).filter(([, x]) => x !== undefined && x !== '')), registeredOn: day(v.registeredOn as dayjs.Dayjs) }, i), onSaved);
  return (
    <Modal open={open} title={`${t('people.registerRental')} · ${dwelling?.label ?? ''}`} onOk={save} onCancel={onClose} okText={t('common.ok')} cancelText={t('common.cancel')} destroyOnHidden>
      <Form form={form} layout="vertical" initialValues={{ use: '1', registeredOn: chinaPickerValue() }} data-testid="rental-form">
        <Form.Item name="use" label={t('people.rentalUse')} rules={[{ required: true }]}><Select options={options(uses)} /></Form.Item>
        <Form.Item name="registeredOn" label={t('people.registeredOn')} rules={[{ required: true }]}><DatePicker /></Form.Item>
        <Form.Item name="landlordIdNumber" label={t('people.landlordIdNumber')} rules={[{ required: true, message: t('common.required') }]}><Input maxLength={18} /></Form.Item>
        <Typography.Paragraph type="secondary">{t('people.landlordHint')}</Typography.Paragraph>
        <Form.Item name="landlordName" label={t('people.landlordName')}><Input maxLength={50} /></Form.Item>
        <Form.Item name="landlordPhone" label={t('people.landlordPhone')}><Input maxLength={20} /></Form.Item>
      </Form>
    </Modal>
  );
}

/** 租户入住: a person registered in the county, found by exact ID number. */
function TenantModal({ open, dwelling, onClose, onSaved }: { open: boolean; dwelling?: Dwelling; onClose: () => void; onSaved: () => void }) {
  const { t } = useTranslation();
  const [form] = Form.useForm();
  const save = useSave(form, (v, i) => registryWrites.addTenant(dwelling!.id, { idNumber: v.idNumber, since: day(v.since as dayjs.Dayjs) }, i), onSaved);
  return (
    <Modal open={open} title={`${t('people.addTenant')} · ${dwelling?.label ?? ''}`} onOk={save} onCancel={onClose} okText={t('common.ok')} cancelText={t('common.cancel')} destroyOnHidden>
      <Form form={form} layout="vertical" initialValues={{ since: chinaPickerValue() }} data-testid="tenant-form">
        <Form.Item name="idNumber" label={t('people.idNumber')} extra={t('people.tenantHint')} rules={[{ required: true, message: t('common.required') }]}><Input maxLength={18} /></Form.Item>
        <Form.Item name="since" label={t('people.since')} rules={[{ required: true }]}><DatePicker /></Form.Item>
      </Form>
    </Modal>
  );
}

/** 退租: the tenancy ends on a day; it stays on the dwelling's record. */
function EndTenancyModal({ open, dwelling, tenant, onClose, onSaved }: { open: boolean; dwelling?: Dwelling; tenant?: Tenant; onClose: () => void; onSaved: () => void }) {
  const { t } = useTranslation();
  const [form] = Form.useForm();
  const save = useSave(form, (v, i) => registryWrites.endTenancy(dwelling!.id, tenant!.personId, { until: day(v.until as dayjs.Dayjs) }, i), onSaved);
  return (
    <Modal open={open} title={`${t('people.endTenancy')} · ${tenant?.name ?? ''}`} onOk={save} onCancel={onClose} okText={t('common.ok')} cancelText={t('common.cancel')} destroyOnHidden>
      <Form form={form} layout="vertical" initialValues={{ until: chinaPickerValue() }} data-testid="end-tenancy-form">
        <Form.Item name="until" label={t('people.until')} rules={[{ required: true }]}><DatePicker /></Form.Item>
      </Form>
    </Modal>
  );
}
