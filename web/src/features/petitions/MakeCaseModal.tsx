/**
 * 转为案件: makes a case of the petition. The petition's category is offered when it is a case category (a leaf);
 * otherwise the user picks one. "以信访人为反映人" is offered only when the petition has exactly one petitioner:
 * the server copies their name and phone into the case, never through the browser.
 */
import { Alert, Cascader, Checkbox, Form, Input, Modal } from 'antd';
import { useTranslation } from 'react-i18next';
import type { PetitionCard } from '../../../../core/schemas/petitions.response';
import { errorText } from '../../data/errors';
import { useCatalog } from '../catalog/catalog.api';
import { usePetitionToCase } from './petitions.api';

const fieldOf = (f: string) => (f === 'categoryId' ? 'category' : f);

export function MakeCaseModal({ c, open, onClose, onMade }: { c: PetitionCard; open: boolean; onClose: () => void; onMade: (caseCode: string) => void }) {
  const { t } = useTranslation();
  const { categories, tree } = useCatalog();
  const [form] = Form.useForm();
  const make = usePetitionToCase(c.code, { form, rename: fieldOf });
  const own = categories.find((x) => x.id === c.categoryId);
  const initial = { category: own?.parentId ? [own.parentId, own.id] : undefined, petitionerAsReporter: false };
  const submit = async () => {
    const r = await make.run(async () => {
      const v = await form.validateFields();
      return { categoryId: v.category[1], petitionerAsReporter: !!v.petitionerAsReporter, note: v.note || undefined };
    });
    if (r.ok) onMade(r.result.caseCode);
  };
  return (
    <Modal open={open} title={t('petitions.makeCase')} onOk={submit} confirmLoading={make.pending} onCancel={onClose} okText={t('common.ok')} cancelText={t('common.cancel')} destroyOnHidden afterOpenChange={(o) => { if (o) { make.reset(); make.begin(); } }}>
      {make.error && <Alert type="error" showIcon message={errorText(make.error)} style={{ marginBottom: 12 }} data-testid="make-case-error" />}
      <Form form={form} layout="vertical" initialValues={initial}>
        <Form.Item name="category" label={t('petitions.caseCategory')} extra={own?.parentId ? undefined : t('petitions.caseCategoryHint')} rules={[{ required: true }]}>
          <Cascader options={tree} data-testid="make-case-category" />
        </Form.Item>
        <Form.Item name="petitionerAsReporter" valuePropName="checked" extra={c.petitioners.length === 1 ? undefined : t('petitions.asReporterOnlyOne')}>
          <Checkbox disabled={c.petitioners.length !== 1} data-testid="make-case-reporter">{t('petitions.asReporter')}</Checkbox>
        </Form.Item>
        <Form.Item name="note" label={t('petitions.field.note')}><Input.TextArea rows={2} maxLength={500} /></Form.Item>
      </Form>
    </Modal>
  );
}
