/**
 * 屏幕签名: the party signs with a finger or a pen on the screen. Each finished stroke uploads the drawing as a PNG
 * (the same upload the signed scan takes), so the field's value is the upload id the server files with the
 * signature as its signature page; 重签 clears it.
 */
import { useRef, useState, type PointerEvent } from 'react';
import { Button, Space, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { api } from '../../api';

export function SignaturePad({ value, onChange }: { value?: string; onChange?: (id: string | undefined) => void }) {
  const { t } = useTranslation();
  const canvas = useRef<HTMLCanvasElement>(null);
  const drawing = useRef(false);
  const [state, setState] = useState<'empty' | 'saving' | 'saved' | 'failed'>('empty');
  const at = (e: PointerEvent<HTMLCanvasElement>) => {
    const r = e.currentTarget.getBoundingClientRect();
    return [((e.clientX - r.left) * e.currentTarget.width) / r.width, ((e.clientY - r.top) * e.currentTarget.height) / r.height] as const;
  };
  const down = (e: PointerEvent<HTMLCanvasElement>) => {
    const g = e.currentTarget.getContext('2d')!;
    e.currentTarget.setPointerCapture(e.pointerId);
    drawing.current = true;
    g.lineWidth = 3;
    g.lineCap = 'round';
    g.strokeStyle = '#000';
    g.beginPath();
    g.moveTo(...at(e));
  };
  const move = (e: PointerEvent<HTMLCanvasElement>) => {
    if (!drawing.current) return;
    const g = e.currentTarget.getContext('2d')!;
    g.lineTo(...at(e));
    g.stroke();
  };
  const up = () => {
    if (!drawing.current || !canvas.current) return;
    drawing.current = false;
    setState('saving');
    canvas.current.toBlob(async (blob) => {
      if (!blob) return setState('failed');
      const form = new FormData();
      form.append('file', blob, 'signature.png');
      try {
        const r = await api<{ id: string }>('/api/uploads', { method: 'POST', form });
        onChange?.(r.id);
        setState('saved');
      } catch {
        onChange?.(undefined);
        setState('failed');
      }
    }, 'image/png');
  };
  const clear = () => {
    const c = canvas.current!;
    c.getContext('2d')!.clearRect(0, 0, c.width, c.height);
    onChange?.(undefined);
    setState('empty');
  };
  return (
    <Space direction="vertical" size={4} style={{ width: '100%' }}>
      <canvas ref={canvas} width={560} height={180} onPointerDown={down} onPointerMove={move} onPointerUp={up} onPointerCancel={up} data-testid="dispute-signature-pad"
        style={{ width: '100%', maxWidth: 560, height: 'auto', aspectRatio: '560 / 180', border: '1px dashed #999', borderRadius: 4, touchAction: 'none', background: '#fff', cursor: 'crosshair' }} />
      <Space size={8}>
        <Button size="small" onClick={clear}>{t('mediation.signAgain')}</Button>
        <Typography.Text type={state === 'failed' ? 'danger' : 'secondary'} data-testid="dispute-signature-state">{t(`mediation.signPad.${value && state !== 'saving' ? 'saved' : state}`)}</Typography.Text>
      </Space>
    </Space>
  );
}
