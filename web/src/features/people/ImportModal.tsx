/** 导入人员: upload a CSV or XLSX, watch the progress, read the result, download the refused rows. */
import { useEffect, useRef, useState } from 'react';
import { Alert, Button, Modal, Progress, Radio, Space, Typography, Upload } from 'antd';
import { InboxOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import i18n from '../../i18n';
import { api, ApiError } from '../../api';

interface Job {
  id: string; state: 'running' | 'done' | 'failed'; queued?: boolean; percent: number; rows: number; hasErrorReport: boolean;
  report: { rows: number; created: number; updated: number; problems: number; rejected: boolean } | null;
  error: { code: string; message: string; details?: { path: string; message: string }[] } | null;
}

export function ImportModal({ open, onClose, onImported }: { open: boolean; onClose: () => void; onImported: () => void }) {
  const { t } = useTranslation();
  const [mode, setMode] = useState<'upsert' | 'all'>('upsert');
  const [job, setJob] = useState<Job | null>(null);
  const [uploadError, setUploadError] = useState<string | null>(null);
  const timer = useRef<number | undefined>(undefined);

  useEffect(() => () => window.clearInterval(timer.current), []);

  const poll = (id: string) => {
    window.clearInterval(timer.current);
    timer.current = window.setInterval(async () => {
      const j = await api<Job>(`/api/people/import?job=${id}`);
      setJob(j);
      if (j.state !== 'running') {
        window.clearInterval(timer.current);
        if (j.report?.created || j.report?.updated) onImported();
      }
    }, 500);
  };

  const upload = async (file: File) => {
    setUploadError(null);
    setJob(null);
    const body = new FormData();
    body.append('file', file, file.name);
    const res = await fetch(`/api/people/import?mode=${mode}`, { method: 'POST', body, credentials: 'same-origin', headers: { 'accept-language': i18n.language } });
    const data = await res.json();
    if (!res.ok) {
      setUploadError(new ApiError(res.status, data.error).body.message);
      return;
    }
    setJob(data);
    poll(data.id);
  };

  const r = job?.report;
  return (
    <Modal open={open} title={t('people.import.title')} onCancel={onClose} footer={<Button onClick={onClose}>{t('people.import.close')}</Button>} width={560} destroyOnHidden>
      <Space direction="vertical" style={{ width: '100%' }}>
        <Typography.Paragraph type="secondary">
          {t('people.import.hint')} <a href="/api/people/import/template" data-testid="import-template">{t('people.import.template')}</a>
        </Typography.Paragraph>
        <Radio.Group value={mode} onChange={(e) => setMode(e.target.value)} options={[{ value: 'upsert', label: t('people.import.upsert') }, { value: 'all', label: t('people.import.all') }]} />
        <Upload.Dragger accept=".csv,.xlsx" showUploadList={false} customRequest={({ file }) => void upload(file as File)} data-testid="import-upload">
          <p className="ant-upload-drag-icon"><InboxOutlined /></p>
          <p>{t('people.import.drop')}</p>
        </Upload.Dragger>
        {uploadError && <Alert type="error" showIcon message={uploadError} />}
        {job && (
          <div data-testid="import-status">
            <Progress percent={job.state === 'running' ? Math.min(99, job.percent) : 100} status={job.state === 'failed' || r?.rejected ? 'exception' : job.state === 'done' ? 'success' : 'active'} />
            {job.state === 'running' && <Typography.Text>{job.queued ? t('people.import.queued') : t('people.import.running', { rows: job.rows })}</Typography.Text>}
            {job.error && <Alert type="error" showIcon message={job.error.message} description={job.error.details?.map((d) => d.message).join('；')} />}
            {r && (
              <Alert type={r.problems ? 'warning' : 'success'} showIcon
                message={r.rejected ? t('people.import.rejected', { problems: r.problems, rows: r.rows }) : t('people.import.done', { created: r.created, updated: r.updated, problems: r.problems, rows: r.rows })}
                description={job.hasErrorReport && <a href={`/api/people/import/errors?job=${job.id}`} data-testid="import-errors">{t('people.import.errors')}</a>} />
            )}
          </div>
        )}
      </Space>
    </Modal>
  );
}
