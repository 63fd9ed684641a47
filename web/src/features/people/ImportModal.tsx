/** 导入人员: upload a CSV or XLSX, watch the progress, read the result, download the refused rows. */
import { useEffect, useState } from 'react';
import { Alert, Button, Modal, Progress, Radio, Space, Typography, Upload } from 'antd';
import { InboxOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import { useQueryClient } from '@tanstack/react-query';
import { errorText } from '../../data/errors';
import { registryKeys, useImportJob, useStartImport } from './people.api';

export function ImportModal({ open, onClose }: { open: boolean; onClose: () => void }) {
  const { t } = useTranslation();
  const qc = useQueryClient();
  const [mode, setMode] = useState<'upsert' | 'all'>('upsert');
  const start = useStartImport();
  const [jobId, setJobId] = useState<string | undefined>();
  const job = useImportJob(jobId).data ?? null;
  const uploadError = start.error ? errorText(start.error) : null;
  // Once the job is over, the registry's lists show what it created or updated.
  const over = job !== null && job.state !== 'running';
  useEffect(() => {
    if (over) registryKeys.forEach((queryKey) => void qc.invalidateQueries({ queryKey }));
  }, [over, qc]);

  const upload = async (file: File) => {
    setJobId(undefined);
    start.begin();
    const r = await start.run({ file, mode });
    if (r.ok) setJobId(r.result.id);
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
