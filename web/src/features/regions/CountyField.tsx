/** A county chosen by name for per-county settings (routing, deadlines, holidays); the form keeps the 6-digit key. */
import { useTranslation } from 'react-i18next';
import { EVERY_COUNTY } from '../../../../core/reference-owner';
import { codeFromPrefix, countyOf } from '../../../../core/region-code';
import { RegionTreeSelect } from './RegionTreeSelect';

/** `allowEvery`: clearing the field means every county ('000000', the shared default). */
export function CountyField({ value, onChange, allowEvery, id, 'data-testid': testId }: { value?: string; onChange?: (county: string) => void; allowEvery?: boolean; id?: string; 'data-testid'?: string }) {
  const { t } = useTranslation();
  return (
    <RegionTreeSelect
      id={id}
      data-testid={testId}
      level="county"
      value={value && value !== EVERY_COUNTY ? codeFromPrefix(value) : undefined}
      onChange={(code) => (code ? onChange?.(countyOf(code)) : allowEvery && onChange?.(EVERY_COUNTY))}
      allowClear={allowEvery}
      placeholder={allowEvery ? t('regions.everyCounty') : t('regions.county')}
    />
  );
}
