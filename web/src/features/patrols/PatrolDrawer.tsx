/**
 * One patrol in a drawer: who walked where and when, how far, the cases its findings became, and its track on the
 * map behind a button (the read is audited, so nothing is fetched before the user asks). Without the right to
 * read tracks the answer is a plain "无权查看轨迹", never an error code.
 */
import { useState } from 'react';
import { Alert, Button, Descriptions, Drawer, Space, Tag, Typography } from 'antd';
import { EnvironmentOutlined } from '@ant-design/icons';
import { Link } from 'react-router';
import { useTranslation } from 'react-i18next';
import { ApiError } from '../../api';
import { formatTime } from '../../format';
import { km } from './patrols.option';
import { usePatrolChecklist, usePatrolItemNames, usePatrolItems, usePatrolTrack, type PatrolRow } from './patrols.api';
import { TrackMap } from './TrackMap';

/** "安全设施 · " for a finding's checklist item, sent bare (safety_facilities) or with its template (liubicha.safety_facilities). */
function itemName(names: Map<string, string>, item: string | null): string {
  const name = item ? (names.get(item) ?? names.get(item.slice(item.lastIndexOf('.') + 1))) : undefined;
  return name ? `${name} · ` : '';
}

/** A patrol's findings as links to their cases ("安全设施 · code"); a dash when there are none. */
export function FindingLinks({ findings, lang }: { findings: PatrolRow['findings']; lang: string }) {
  const names = usePatrolItemNames(lang);
  if (!findings.length) return <Typography.Text type="secondary">—</Typography.Text>;
  return (
    <Space direction="vertical" size={0}>
      {findings.map((x) => (
        <Link key={x.id} to={`/cases/${x.caseCode}`} onClick={(e) => e.stopPropagation()} data-testid="patrol-case">
          {itemName(names, x.templateItem)}{x.caseCode}
        </Link>
      ))}
    </Space>
  );
}

/** The 六必查 answers of a patrol's end: each item with 正常 (green) or 有问题 (red); a dash when none were kept. */
function Checklist({ patrolId, lang }: { patrolId: string; lang: string }) {
  const { t } = useTranslation();
  const answers = usePatrolChecklist(patrolId).data?.checklist?.answers;
  const items = usePatrolItems(lang);
  if (!answers) return <Typography.Text type="secondary">—</Typography.Text>;
  return (
    <Space wrap size={[4, 4]} data-testid="patrol-checklist">
      {items.filter((i) => i.code in answers).map((i) => {
        const v = String(answers[i.code]);
        return <Tag key={i.code} color={v === 'problem' ? 'red' : v === 'normal' ? 'green' : undefined}>{i.name}：{i.options.get(v) ?? t('patrols.answered')}</Tag>;
      })}
    </Space>
  );
}

export function PatrolDrawer({ patrol, onClose }: { patrol: PatrolRow | null; onClose: () => void }) {
  const { t, i18n } = useTranslation();
  const [asked, setAsked] = useState<string | null>(null);
  const track = usePatrolTrack(patrol?.id ?? null, !!patrol && asked === patrol.id);
  const refused = track.error instanceof ApiError && (track.error.status === 403 || track.error.status === 404);
  return (
    <Drawer open={!!patrol} onClose={onClose} width={Math.min(720, window.innerWidth)} title={patrol ? t('patrols.drawerTitle', { name: patrol.userName || t('patrols.unknownWorker') }) : ''} data-testid="patrol-drawer">
      {patrol && (
        <Space direction="vertical" style={{ width: '100%' }} size="middle">
          <Descriptions size="small" column={1} bordered items={[
            { key: 'w', label: t('patrols.worker'), children: patrol.userName || t('patrols.unknownWorker') },
            { key: 'g', label: t('patrols.grid'), children: patrol.gridName },
            { key: 's', label: t('patrols.startedAt'), children: formatTime(patrol.startedAt) },
            { key: 'e', label: t('patrols.endedAt'), children: patrol.endedAt ? formatTime(patrol.endedAt) : t('patrols.ongoing') },
            { key: 'd', label: t('patrols.distance'), children: `${km(patrol.distanceM)} ${t('patrols.km')} · ${t('patrols.points', { n: patrol.pointCount })}` },
            { key: 'c', label: t('patrols.checklist'), children: <Checklist patrolId={patrol.id} lang={i18n.language} /> },
            { key: 'f', label: t('patrols.findings'), children: <FindingLinks findings={patrol.findings} lang={i18n.language} /> },
          ]} />
          {asked !== patrol.id && (
            <Space direction="vertical">
              <Button type="primary" icon={<EnvironmentOutlined />} onClick={() => setAsked(patrol.id)} data-testid="track-show">{t('patrols.showTrack')}</Button>
              <Typography.Text type="secondary">{t('patrols.trackAudited')}</Typography.Text>
            </Space>
          )}
          {asked === patrol.id && refused && <Alert type="warning" showIcon message={t('patrols.trackRefused')} description={t('patrols.trackRefusedWhy')} data-testid="track-refused" />}
          {asked === patrol.id && track.error && !refused && <Alert type="error" showIcon message={track.error.message} />}
          {asked === patrol.id && track.isLoading && <Typography.Text type="secondary">{t('patrols.trackLoading')}</Typography.Text>}
          {asked === patrol.id && track.data && (track.data.points.length
            ? <TrackMap points={track.data.points} gridCode={patrol.gridCode} labels={{ start: `${t('patrols.start')} ${formatTime(patrol.startedAt)}`, end: `${t('patrols.end')} ${patrol.endedAt ? formatTime(patrol.endedAt) : ''}` }} />
            : <Typography.Text type="secondary">{t('patrols.noTrack')}</Typography.Text>)}
        </Space>
      )}
    </Drawer>
  );
}
