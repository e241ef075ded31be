import { execFile } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import JSZip from 'jszip';
import { expect } from 'vitest';

const run = promisify(execFile);

/** LibreOffice when installed (CI installs libreoffice-writer); the conversion checks are skipped without it. */
export const OFFICE = ['/usr/bin/soffice', '/usr/bin/libreoffice'].find((p) => existsSync(p)) ?? null;

/** A .docx is a zip with the parts Word, WPS and LibreOffice need, and the text we expect. */
export async function checkDocxZip(buf: Buffer, texts: string[] = []) {
  expect(buf.subarray(0, 2).toString()).toBe('PK');
  const zip = await JSZip.loadAsync(buf);
  for (const part of ['[Content_Types].xml', '_rels/.rels', 'word/document.xml', 'word/fontTable.xml']) {
    expect(zip.file(part), part).not.toBeNull();
  }
  const xml = await zip.file('word/document.xml')!.async('string');
  const text = xml.replace(/<[^>]+>/g, '');
  for (const t of texts) expect(text, t).toContain(t);
  const footers = Object.keys(zip.files).filter((f) => /^word\/footer\d+\.xml$/.test(f));
  expect(footers.length).toBeGreaterThan(0);
  return { zip, text };
}

/**
 * Converts with LibreOffice to PDF (pages) and to text (content). Null without LibreOffice.
 * Each call has its own profile directory, so conversions running in parallel never share one.
 */
export async function officeConvert(
  buf: Buffer,
  ext = 'docx',
): Promise<{ pages: number; text: string } | null> {
  if (!OFFICE) return null;
  const dir = mkdtempSync(join(tmpdir(), 'ancha-office-'));
  try {
    const src = join(dir, `doc.${ext}`);
    writeFileSync(src, buf);
    const profile = `-env:UserInstallation=file://${join(dir, 'profile')}`;
    await run(OFFICE, [profile, '--headless', '--convert-to', 'pdf', '--outdir', dir, src], {
      timeout: 120_000,
    });
    const pdf = readFileSync(join(dir, 'doc.pdf')).toString('latin1');
    const pages = (pdf.match(/\/Type\s*\/Page(?![s\w])/g) ?? []).length;
    await run(
      OFFICE,
      [profile, '--headless', '--convert-to', 'txt:Text (encoded):UTF8', '--outdir', dir, src],
      {
        timeout: 120_000,
      },
    );
    const text = readFileSync(join(dir, 'doc.txt'), 'utf8');
    return { pages, text };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
