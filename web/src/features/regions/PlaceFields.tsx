/**
 * Where a new record is (a case, a petition): a village from the region tree or a point on the map. A point inside
 * a grid names its village, so the tree follows the map; another village picked from the tree drops the point (it
 * no longer says where the record is). `usePlace` holds the point, `PlaceFields` draws both fields.
 */
import { useEffect, useState } from 'react';
import { Form, type FormInstance } from 'antd';
import { useTranslation } from 'react-i18next';
import { PointPicker, type PickedPoint } from './PointPicker';
import { RegionTreeSelect } from './RegionTreeSelect';
import { useRootRegion } from './regions.api';

/** The place state of a form whose village field is `villageCode`. */
export function usePlace(form: FormInstance) {
  const root = useRootRegion().data;
  const village = Form.useWatch('villageCode', form) as string | undefined;
  const [point, setPoint] = useState<PickedPoint | null>(null);
  useEffect(() => {
    if (point?.village && village && village !== point.village.code) setPoint(null);
  }, [village, point]);
  const pick = (p: PickedPoint) => {
    setPoint(p);
    if (p.village) form.setFieldValue('villageCode', p.village.code);
    void form.validateFields(['villageCode']).catch(() => undefined);
  };
  return {
    point,
    village,
    /** The region the map opens on: the village picked, else the user's own. */
    region: village ?? root?.code,
    pick,
    clear: () => setPoint(null),
    /** The request's place: a point inside a grid is the most exact; otherwise the village picked from the tree. */
    body: (villageCode: string | undefined) => (point?.grid ? { lat: point.lat, lng: point.lng } : { villageCode }),
  };
}

/** The village field (required unless a point inside a grid was picked) and the map to pick a point on. */
export function PlaceFields({ place, label, testId }: { place: ReturnType<typeof usePlace>; label: string; testId: string }) {
  const { t } = useTranslation();
  return (
    <>
      <Form.Item name="villageCode" label={label} extra={t('regions.villageHint')} rules={[{ validator: async (_, v) => { if (!v && !place.point?.grid) throw new Error(t('regions.placeRequired')); } }]}>
        <RegionTreeSelect level="village" data-testid={testId} />
      </Form.Item>
      <Form.Item label={t('regions.point')}>
        <PointPicker region={place.region} value={place.point} onPick={place.pick} />
      </Form.Item>
    </>
  );
}
