/**
 * 补贴标准 (on /mediation-org): the county's 以案定补 rates, per dispute category and outcome, in 元 per case. The first
 * row is the default of each outcome for a category without its own rate; an empty field sets no rate. Saving
 * replaces the whole set; what the server refuses shows on the field it names and above the table.
 */
import { useEffect, useMemo } from 'react';
import { Alert, App, Button, Form, Input, Space, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { subsidyOutcomes } from '../../../../core/schemas/mediation-stats.response';
import { errorText } from '../../data/errors';
import { formatTime } from '../../format';
import { ResponsiveTable } from '../../ui/ResponsiveTable';
import { useSaveSubsidyRates, useSubsidyRates, type SubsidyRates } from './mediation-overview.api';

type Rate = SubsidyRates['rates'][number];
import { fenOf, rateRows as rows, ratesOf, valuesOf, type RateValues as Values } from './mediation-overview.option';

export function SubsidyRatesTab() {
  const { t } = useTranslation();
  const [form] = Form.useForm<Values>();
  const { message } = App.useApp();
  const q = useSubsidyRates();
  // The server names a refused rate by its place in the list sent (rates.3.fen): put it on that field.
  const sent = useMemo<{ list: Rate[] }>(() => ({ list: [] }), []);
  const rename = (field: string) => {
    const m = /^rates\.(\d+)/.exec(field);
    const rate = m ? sent.list[Number(m[1])] : undefined;
    return rate ? `r.${rate.category}.${rate.outcome}` : field;
  };
  const save = useSaveSubsidyRates({ form, rename });
  useEffect(() => {
    if (q.data) form.setFieldsValue(valuesOf(q.data.rates));
  }, [q.data, form]);
  const submit = async () => {
    const r = await save.run(async () => {
      sent.list = ratesOf(await form.validateFields());
      return { rates: sent.list };
    });
    if (r.ok) void message.success(t('mediationStats.rates.saved'));
  };
  const amountRule = { validator: (_: unknown, v?: string) => (!v?.trim() || fenOf(v) !== null ? Promise.resolve() : Promise.reject(new Error(t('mediationStats.rates.invalid')))) };
  type Row = { category: string };
  return (
    <Form form={form} onFinish={submit} data-testid="rates-form">
      <Space direction="vertical" style={{ width: '100%' }}>
        <Typography.Text type="secondary">{t('mediationStats.rates.hint')}</Typography.Text>
        {save.error && <Alert type="error" showIcon message={errorText(save.error)} data-testid="rates-error" />}
        <ResponsiveTable<Row> rowKey="category" size="small" pagination={false} loading={q.isLoading} dataSource={rows.map((category) => ({ category }))}
          columns={[
            { title: t('mediationStats.category'), key: 'category', width: 180, render: (_: unknown, r: Row) => (r.category === '*' ? <b>{t('mediationStats.rates.default')}</b> : t(`mediation.cat.${r.category}`)) },
            ...subsidyOutcomes.map((o) => ({
              title: t(`mediationStats.outcome.${o}`), key: o,
              render: (_: unknown, r: Row) => (
                <Form.Item name={['r', r.category, o]} rules={[amountRule]} style={{ margin: 0 }} validateTrigger="onBlur">
                  <Input suffix={t('mediationStats.yuan')} inputMode="decimal" style={{ maxWidth: 160 }} onFocus={() => save.reset()} data-testid={`rate-${r.category}-${o}`} />
                </Form.Item>
              ),
            })),
          ]} />
        <Space wrap>
          <Button type="primary" htmlType="submit" loading={save.pending} onClick={() => save.begin()} data-testid="rates-save">{t('mediationStats.rates.save')}</Button>
          {q.data?.updatedAt && <Typography.Text type="secondary">{t('mediationStats.rates.updatedAt', { at: formatTime(q.data.updatedAt) })}</Typography.Text>}
        </Space>
      </Space>
    </Form>
  );
}
