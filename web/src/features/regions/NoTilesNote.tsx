/** The words under a map without a base map: what the operator sees, and (in a tooltip) what an administrator sets. */
import { Tooltip, Typography } from 'antd';
import { InfoCircleOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';

/** Shown when no tile server is configured (nothing otherwise). */
export function NoTilesNote({ tileUrl }: { tileUrl: string | undefined }) {
  const { t } = useTranslation();
  if (tileUrl === undefined || tileUrl) return null;
  return (
    <Typography.Text type="secondary" style={{ fontSize: 12 }} data-testid="no-tiles-note">
      {t('regions.noTiles')}{' '}
      <Tooltip title={t('regions.noTilesAdmin')}><InfoCircleOutlined /></Tooltip>
    </Typography.Text>
  );
}
