/**
 * PDFs rendered on the worker thread, read back with poppler (Debian's poppler-utils): every petition template's
 * text holds its matter and body, its fonts are embedded subsets, a rare character comes out of the fallback font,
 * a character no font has is refused by name, the same input gives the same bytes, and the event loop keeps
 * running while a document renders.
 */
import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { buildDocument } from '../../../core/documents/templates.ts';
import { petitionTemplateIds } from '../../../core/documents/petition-templates.ts';
import { samples } from '../../../core/documents/petition-samples.ts';
import { mediationFile, mediationTemplates } from '../../../core/documents/mediation-templates.ts';
import { mediationSamples } from '../../../core/documents/mediation-samples.ts';
import { renderOffThread, stopPdfWorker } from './pdf-renderer.ts';

const dir = mkdtempSync(join(tmpdir(), 'anwang-pdf-'));
afterAll(async () => {
  await stopPdfWorker();
  rmSync(dir, { recursive: true, force: true });
});

/** Runs a poppler tool on the bytes and returns its output. */
function poppler(tool: 'pdftotext' | 'pdffonts', bytes: Buffer): string {
  const file = join(dir, `${createHash('sha1').update(bytes).digest('hex')}.pdf`);
  writeFileSync(file, bytes);
  return execFileSync(tool, tool === 'pdftotext' ? [file, '-'] : [file], { encoding: 'utf8' });
}
/** The font lines of pdffonts: name, and whether embedded and subset. */
const fontsOf = (bytes: Buffer) =>
  poppler('pdffonts', bytes).split('\n').slice(2).filter(Boolean).map((l) => {
    const cols = l.trim().split(/\s+/);
    return { name: cols[0]!, emb: cols.at(-5), sub: cols.at(-4) };
  });
const failureOf = (p: Promise<unknown>) => p.then(() => null, (e: { code?: string; details?: { code: string; message: string }[] }) => ({ code: e.code, detail: e.details?.[0]?.code, message: e.details?.[0]?.message }));

describe('PDF rendering', () => {
  it('renders each petition template with its matter, its body and embedded subset fonts', async () => {
    for (const id of petitionTemplateIds) {
      const { bytes, pages } = await renderOffThread(buildDocument(id, samples[id] as never));
      expect(bytes.subarray(0, 5).toString('latin1')).toBe('%PDF-');
      expect(pages).toBe(1);
      const text = poppler('pdftotext', bytes).replace(/\s+/g, '');
      expect(text, id).toContain('小区供暖不达标');
      expect(text, id).toContain('门源县住房和城乡建设局');
      expect(text, id).toContain('2026年3月5日');
      expect(text, id).toContain('（印章）');
      const fonts = fontsOf(bytes);
      expect(fonts.map((f) => f.name.replace(/^[A-Z]{6}\+/, '')).sort(), id).toEqual(['NotoSerifCJKsc-Bold', 'NotoSerifCJKsc-Regular']);
      expect(fonts.every((f) => f.emb === 'yes' && f.sub === 'yes' && /^[A-Z]{6}\+/.test(f.name)), id).toBe(true);
    }
  });

  it('renders a mediation agreement and a whole mediation file with their text and embedded subset fonts', async () => {
    const agreement = await renderOffThread(buildDocument('mediation.agreement', mediationSamples['mediation.agreement']));
    const text = poppler('pdftotext', agreement.bytes).replace(/\s+/g, '');
    for (const want of ['人民调解协议书', '马福海', '韩桂兰', '履行期限：2026年4月30日前', '本协议一式3份', '浩门镇人民调解委员会']) expect(text).toContain(want);
    expect(fontsOf(agreement.bytes).every((f) => f.emb === 'yes' && f.sub === 'yes')).toBe(true);
    const file = await renderOffThread(mediationFile(mediationSamples['mediation.file_cover'], [
      mediationTemplates['mediation.rights_notice'](mediationSamples['mediation.rights_notice']),
      mediationTemplates['mediation.agreement'](mediationSamples['mediation.agreement']),
    ]));
    // Cover, contents, the notice, the agreement (two pages at least), back cover.
    expect(file.pages).toBeGreaterThanOrEqual(agreement.pages + 4);
    const all = poppler('pdftotext', file.bytes).replace(/\s+/g, '');
    expect(all.indexOf('卷内目录')).toBeLessThan(all.indexOf('人民调解权利义务告知书门浩调字'));
    expect(all).toMatch(/本卷宗共收录文书材料6件/);
  });

  it('draws a rare name character with the fallback font, and says so in the fonts', async () => {
    // U+2A6D6 (CJK Extension B) is not in Noto Serif CJK; Hanazono Mincho B has it.
    const d = { ...samples['petition.reply'], petitioner: '李\u{2A6D6}' };
    const { bytes } = await renderOffThread(buildDocument('petition.reply', d));
    expect(fontsOf(bytes).map((f) => f.name.replace(/^[A-Z]{6}\+/, ''))).toContain('HanaMinB');
    expect(poppler('pdftotext', bytes)).toContain('李\u{2A6D6}：');
    // 𠈌 (U+2020C, Extension B) and 䶮 (U+4DAE, Extension A) are in Noto Serif CJK SC itself: no fallback needed.
    const common = await renderOffThread(buildDocument('petition.reply', { ...samples['petition.reply'], petitioner: '刘\u{2020C}\u4DAE' }));
    expect(fontsOf(common.bytes).map((f) => f.name.replace(/^[A-Z]{6}\+/, ''))).not.toContain('HanaMinB');
    expect(poppler('pdftotext', common.bytes)).toContain('刘\u{2020C}\u4DAE：');
  });

  it('refuses a character no font has, naming its code point and the character', async () => {
    for (const [ch, name] of [['\uE000', 'U+E000'], ['\u{30000}', 'U+30000']] as const) {
      const f = await failureOf(renderOffThread(buildDocument('petition.acceptance_notice', { ...samples['petition.acceptance_notice'], petitioner: `王${ch}` })));
      expect(f).toMatchObject({ code: 'VALIDATION_FAILED', detail: 'no_glyph' });
      expect(f!.message).toContain(`${name} ${ch}`);
    }
  });

  it('gives the same bytes (and SM3) for the same input, and different ones for a different input', async () => {
    const doc = buildDocument('petition.transfer_letter', samples['petition.transfer_letter']);
    const [a, b] = await Promise.all([renderOffThread(doc), renderOffThread(doc)]);
    const c = await renderOffThread(doc);
    const sm3 = (x: Buffer) => createHash('sm3').update(x).digest('hex');
    expect(a.bytes.equals(b.bytes) && a.bytes.equals(c.bytes)).toBe(true);
    expect(sm3(a.bytes)).toBe(sm3(c.bytes));
    const other = await renderOffThread(buildDocument('petition.transfer_letter', { ...samples['petition.transfer_letter'], issuedOn: '2026-03-06' }));
    expect(other.bytes.equals(a.bytes)).toBe(false);
  });

  it('keeps the event loop turning while documents render', async () => {
    let turns = 0;
    const timer = setInterval(() => turns++, 1);
    const doc = buildDocument('petition.reply', samples['petition.reply']);
    await Promise.all(Array.from({ length: 6 }, () => renderOffThread(doc)));
    clearInterval(timer);
    // Rendering on this thread would hold the loop for the whole batch: the timer could not fire in between.
    expect(turns).toBeGreaterThan(3);
  });

  it('fails the renders a dying worker held, and starts a new worker for the next one', async () => {
    const doc = buildDocument('petition.reply', samples['petition.reply']);
    const held = renderOffThread(doc);
    await stopPdfWorker();
    await expect(held).rejects.toThrow(/PDF worker exited/);
    expect((await renderOffThread(doc)).pages).toBe(1);
  });

  it('fails a render that takes too long and replaces the worker, so later documents still render', async () => {
    const doc = buildDocument('petition.reply', samples['petition.reply']);
    const f = await failureOf(renderOffThread(doc, { timeoutMs: 1 }));
    expect(f).toMatchObject({ code: 'UNAVAILABLE', detail: 'render_timeout' });
    expect((await renderOffThread(doc)).pages).toBe(1);
  });

  it('says which font file is missing when the fonts are not installed, at render time', async () => {
    const empty = mkdtempSync(join(dir, 'fonts-'));
    const before = process.env.ANWANG_PDF_FONT_DIR;
    await stopPdfWorker();
    process.env.ANWANG_PDF_FONT_DIR = empty;
    try {
      const f = await failureOf(renderOffThread(buildDocument('petition.reply', samples['petition.reply'])));
      expect(f).toMatchObject({ code: 'UNAVAILABLE', detail: 'font_missing' });
      expect(f!.message).toContain(join(empty, 'opentype/noto/NotoSerifCJK-Regular.ttc'));
      expect(f!.message).toContain('fonts-noto-cjk');
    } finally {
      if (before === undefined) delete process.env.ANWANG_PDF_FONT_DIR;
      else process.env.ANWANG_PDF_FONT_DIR = before;
      await stopPdfWorker();
    }
    expect((await renderOffThread(buildDocument('petition.reply', samples['petition.reply']))).pages).toBe(1);
  });
});
