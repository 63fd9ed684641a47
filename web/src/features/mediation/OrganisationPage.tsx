/**
 * 调解组织: for holders of mediation:admin (司法所, the system administrator). Committees at village, township,
 * county or industry level; their rooms with the mode (家门口 on-site, 流动 mobile, 网上 online) and the person a
 * room is named after; the mediator pool with skills, languages (藏语 …), awards and the current load. Each list
 * has its create and edit form; the tab lives in the address (/mediation-org/<tab>).
 */
import { useState } from 'react';
import { Button, Checkbox, Form, Input, Modal, Radio, Select, Space, Switch, Tabs, Tag } from 'antd';
import { EditOutlined, PlusOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import { useNavigate, useParams } from 'react-router';
import type { Me } from '../../../../core/schemas/auth.schema';
import type { MediatorItem } from '../../../../core/schemas/disputes.response';
import { CommitteeSchema, MediatorSchema, RoomSchema } from '../../../../core/schemas/disputes.schema';
import { committeeLevels, roomModes } from '../../../../core/workflow/dispute-workflow';
import { rulesFor } from '../../data/zod-rules';
import { ResponsiveTable } from '../../ui/ResponsiveTable';
import { RegionTreeSelect } from '../regions/RegionTreeSelect';
import { mediatorLanguages } from './mediation-labels';
import { useCommittees, useMediators, useRooms, useSaveOrg, type Committee, type Room } from './mediation.api';
import { SubsidyRatesTab } from '../mediation-stats/SubsidyRatesTab';
import { AccountPicker } from './AccountPicker';

// rates: 补贴标准, the county's 以案定补 rates (features/mediation-stats).
const tabs = ['committees', 'rooms', 'mediators', 'rates'] as const;
type Tab = (typeof tabs)[number];
type Editing = { tab: Exclude<Tab, 'rates'>; row: Record<string, unknown> | null } | null;

/** The region level a committee of this level sits at (an industry committee sits at the county). */
const regionLevelOf = (level: string) => (level === 'village' ? 'village' : level === 'township' ? 'township' : 'county');

function EditModal({ editing, onClose }: { editing: Editing; onClose: () => void }) {
  const { t } = useTranslation();
  const [form] = Form.useForm();
  const tab = editing?.tab ?? 'committees';
  const save = useSaveOrg(tab, { form });
  const committees = useCommittees().data ?? [];
  const level = (Form.useWatch('level', form) as string | undefined) ?? 'village';
  const id = editing?.row?.id as string | undefined;
  const submit = async () => {
    const r = await save.run(async () => {
      const v = await form.validateFields();
      // A cleared account unlinks an existing record (null); a new record simply has none.
      const body: Record<string, unknown> = Object.fromEntries(Object.entries(v).filter(([, x]) => x !== undefined && x !== '' && !(x === null && !id)));
      // An edit sends only what may change; the committee of a room or mediator and a committee's place stay.
      if (id) for (const k of ['committeeId', 'level', 'regionCode']) delete body[k];
      return { id, body };
    });
    if (r.ok) onClose();
  };
  const schema = tab === 'committees' ? CommitteeSchema : tab === 'rooms' ? RoomSchema : MediatorSchema;
  const committeeSelect = <Select disabled={!!id} showSearch optionFilterProp="label" options={committees.map((c) => ({ value: c.id, label: c.name }))} data-testid="org-committee" />;
  return (
    <Modal open={!!editing} title={t(`mediation.org.${id ? 'edit' : 'add'}.${tab}`)} onOk={submit} confirmLoading={save.pending} onCancel={onClose} destroyOnHidden afterOpenChange={(o) => o && save.begin()} okText={t('common.ok')} cancelText={t('common.cancel')} data-testid="org-form">
      <Form form={form} layout="vertical" initialValues={editing?.row ?? { level: 'village', mode: 'onsite', active: true, languages: ['zh'], skills: [], awards: [], isHead: false }}>
        {tab === 'committees' && <>
          <Form.Item name="level" label={t('mediation.org.level')}><Radio.Group disabled={!!id} options={committeeLevels.map((l) => ({ value: l, label: t(`mediation.level.${l}`) }))} /></Form.Item>
          <Form.Item name="regionCode" label={t('mediation.org.region')} rules={rulesFor(schema, 'regionCode')}><RegionTreeSelect level={regionLevelOf(level)} data-testid="org-region" /></Form.Item>
          {level === 'industry' && <Form.Item name="industry" label={t('mediation.org.industry')} rules={[{ required: true, whitespace: true, message: t('common.required') }, { max: 50 }]}><Input maxLength={50} placeholder={t('mediation.org.industryHint')} /></Form.Item>}
        </>}
        {tab !== 'committees' && <Form.Item name="committeeId" label={t('mediation.committee')} rules={rulesFor(schema, 'committeeId')}>{committeeSelect}</Form.Item>}
        <Form.Item name="name" label={t(`mediation.org.name.${tab}`)} rules={rulesFor(schema, 'name')}><Input maxLength={100} data-testid="org-name" /></Form.Item>
        {tab === 'rooms' && <>
          <Form.Item name="mode" label={t('mediation.org.mode')}><Radio.Group options={roomModes.map((m) => ({ value: m, label: t(`mediation.mode.${m}`) }))} /></Form.Item>
          <Form.Item name="namedAfter" label={t('mediation.org.namedAfter')} extra={t('mediation.org.namedAfterHint')}><Input maxLength={50} /></Form.Item>
          <Form.Item name="address" label={t('mediation.address')}><Input maxLength={200} /></Form.Item>
        </>}
        {tab === 'mediators' && <>
          <Form.Item name="userId" label={t('mediation.org.account')} extra={t('mediation.org.accountExtra')}><AccountPicker /></Form.Item>
          <Form.Item name="isHead" valuePropName="checked"><Checkbox>{t('mediation.org.isHead')}</Checkbox></Form.Item>
          <Form.Item name="languages" label={t('mediation.org.languages')}><Select mode="multiple" options={mediatorLanguages.map((l) => ({ value: l, label: t(`mediation.lang.${l}`) }))} data-testid="org-languages" /></Form.Item>
          <Form.Item name="skills" label={t('mediation.org.skills')} extra={t('mediation.org.tagsHint')}><Select mode="tags" maxCount={20} /></Form.Item>
          <Form.Item name="awards" label={t('mediation.org.awards')} extra={t('mediation.org.tagsHint')}><Select mode="tags" maxCount={20} /></Form.Item>
        </>}
        <Form.Item name="active" valuePropName="checked" label={t('mediation.org.active')}><Switch /></Form.Item>
      </Form>
    </Modal>
  );
}

export function OrganisationPage(_: { me: Me }) {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const { tab: raw } = useParams();
  const tab: Tab = (tabs as readonly string[]).includes(raw ?? '') ? (raw as Tab) : 'committees';
  const committees = useCommittees();
  const rooms = useRooms(tab === 'rooms');
  const mediators = useMediators(undefined, tab === 'mediators');
  const [editing, setEditing] = useState<Editing>(null);
  const committeeName = (id: string) => committees.data?.find((c) => c.id === id)?.name ?? '—';
  const edit = (row: Record<string, unknown>) => <Button size="small" type="link" icon={<EditOutlined />} onClick={(e) => { e.stopPropagation(); setEditing({ tab: tab as Exclude<Tab, 'rates'>, row }); }} data-testid="org-edit">{t('mediation.org.editShort')}</Button>;
  const active = (a: boolean) => (a ? <Tag color="green">{t('mediation.org.inUse')}</Tag> : <Tag>{t('mediation.org.notInUse')}</Tag>);
  return (
    <>
      <Tabs activeKey={tab} onChange={(k) => navigate(`/mediation-org/${k}`)} items={tabs.map((k) => ({ key: k, label: t(`mediation.org.${k}`) }))} data-testid="org-tabs"
        tabBarExtraContent={tab !== 'rates' && <Button type="primary" icon={<PlusOutlined />} onClick={() => setEditing({ tab, row: null })} data-testid="org-add">{t(`mediation.org.add.${tab}`)}</Button>} />
      {tab === 'committees' && (
        <ResponsiveTable<Committee> rowKey="id" size="middle" loading={committees.isLoading} dataSource={committees.data ?? []} pagination={false} data-testid="org-committees"
          columns={[
            { title: t('mediation.org.name.committees'), dataIndex: 'name' },
            { title: t('mediation.org.level'), dataIndex: 'level', width: 140, render: (l: string, r) => <>{t(`mediation.level.${l}`)}{r.industry ? ` · ${r.industry}` : ''}</> },
            { title: t('mediation.org.active'), dataIndex: 'active', width: 100, render: active },
            { title: '', key: 'edit', width: 90, render: (_: unknown, r) => edit({ id: r.id, name: r.name, level: r.level, regionCode: r.regionCode, industry: r.industry ?? undefined, active: r.active }) },
          ]} />
      )}
      {tab === 'rooms' && (
        <ResponsiveTable<Room> rowKey="id" size="middle" loading={rooms.isLoading} dataSource={rooms.data ?? []} pagination={false} data-testid="org-rooms"
          columns={[
            { title: t('mediation.org.name.rooms'), dataIndex: 'name', render: (n: string, r) => <Space size={4} wrap>{n}{r.namedAfter && <Tag color="gold">{t('mediation.org.namedAfterTag', { name: r.namedAfter })}</Tag>}</Space> },
            { title: t('mediation.org.mode'), dataIndex: 'mode', width: 120, render: (m: string) => <Tag color={m === 'online' ? 'blue' : m === 'mobile' ? 'purple' : 'green'}>{t(`mediation.mode.${m}`)}</Tag> },
            { title: t('mediation.committee'), dataIndex: 'committeeId', width: 220, render: (id: string, r) => r.committeeName ?? committeeName(id) },
            { title: t('mediation.address'), dataIndex: 'address', render: (a: string | null) => a ?? '—' },
            { title: t('mediation.org.active'), dataIndex: 'active', width: 100, render: active },
            { title: '', key: 'edit', width: 90, render: (_: unknown, r) => edit({ id: r.id, committeeId: r.committeeId, name: r.name, mode: r.mode, namedAfter: r.namedAfter ?? undefined, address: r.address ?? undefined, active: r.active }) },
          ]} />
      )}
      {tab === 'mediators' && (
        <ResponsiveTable<MediatorItem> rowKey="id" size="middle" loading={mediators.isLoading} dataSource={mediators.data ?? []} pagination={false} data-testid="org-mediators"
          columns={[
            { title: t('mediation.org.name.mediators'), dataIndex: 'name', width: 130, render: (n: string, r) => <Space size={4}>{n}{r.isHead && <Tag color="blue">{t('mediation.org.head')}</Tag>}</Space> },
            { title: t('mediation.committee'), dataIndex: 'committeeName', width: 200, render: (n: string | null, r) => n ?? committeeName(r.committeeId) },
            { title: t('mediation.org.account'), dataIndex: 'userId', width: 110, render: (u: string | null) => (u ? <Tag color="green">{t('mediation.org.linkedAccount')}</Tag> : <Tag>{t('mediation.org.noLinkedAccount')}</Tag>) },
            { title: t('mediation.org.languages'), dataIndex: 'languages', width: 150, render: (ls: string[]) => ls.map((l) => <Tag key={l} color={l === 'bo' ? 'purple' : undefined}>{t(`mediation.lang.${l}`, { defaultValue: l })}</Tag>) },
            { title: t('mediation.org.skills'), dataIndex: 'skills', render: (s: string[]) => s.join('、') || '—' },
            { title: t('mediation.org.awards'), dataIndex: 'awards', render: (s: string[]) => s.map((a) => <Tag key={a} color="gold">{a}</Tag>) },
            { title: t('mediation.org.load'), dataIndex: 'openDisputes', width: 100, render: (n: number) => <Tag color={n >= 10 ? 'red' : n >= 5 ? 'orange' : 'green'} data-testid="org-load">{t('mediation.load', { n })}</Tag> },
            { title: t('mediation.org.active'), dataIndex: 'active', width: 90, render: active },
            { title: '', key: 'edit', width: 90, render: (_: unknown, r) => edit({ id: r.id, committeeId: r.committeeId, name: r.name, userId: r.userId, isHead: r.isHead, skills: r.skills, languages: r.languages, awards: r.awards, active: r.active }) },
          ]} />
      )}
      {tab === 'rates' && <SubsidyRatesTab />}
      <EditModal editing={editing} onClose={() => setEditing(null)} />
    </>
  );
}
