import { AppError } from '@ancha/core';
import yauzl, { type Entry, type ZipFile } from 'yauzl';

/**
 * A zip archive (an .xlsx) read part by part, with one budget of inflated bytes for the
 * whole archive. A part is streamed: memory holds a chunk, never the part. The budget is
 * checked twice: against the size each part declares, before a byte is inflated (a zip bomb
 * that is honest about its size is refused at once), and against the bytes actually
 * inflated (yauzl also fails a part that inflates past its declared size), so a bomb that
 * lies is stopped at the limit, not after it.
 */
export interface BoundedZip {
  has(name: string): boolean;
  /** The part's inflated bytes in chunks; throws 413 once the archive's budget is spent. */
  read(name: string): AsyncIterable<Buffer>;
  close(): void;
}

/** More parts than any workbook we accept has; a zip of a million empty files is refused. */
const MAX_ENTRIES = 2000;

export const tooBig = (limit: number) =>
  new AppError(
    'payload_too_large',
    `文件解压后超过${Math.round(limit / 1024 / 1024)} MB，平台不予读取；请删除多余的工作表、图片和格式后重新上传`,
    { maxInflatedBytes: limit },
  );

const unreadable = () =>
  new AppError('bad_request', '无法读取该 Excel 文件（压缩包已损坏），请用 Excel 另存为 .xlsx 后重新上传');

export async function openBoundedZip(buf: Buffer, maxInflatedBytes: number): Promise<BoundedZip> {
  const zip = await new Promise<ZipFile>((resolve, reject) =>
    yauzl.fromBuffer(
      buf,
      { lazyEntries: true, autoClose: false, validateEntrySizes: true, strictFileNames: false },
      (err, z) => (err || !z ? reject(unreadable()) : resolve(z)),
    ),
  );
  if (zip.entryCount > MAX_ENTRIES) {
    zip.close();
    throw new AppError('bad_request', `Excel 文件包含的部件过多（${zip.entryCount} 个），不予读取`);
  }
  const entries = new Map<string, Entry>();
  await new Promise<void>((resolve, reject) => {
    zip.on('entry', (e: Entry) => {
      entries.set(e.fileName.replace(/^\/+/, ''), e);
      zip.readEntry();
    });
    zip.once('end', resolve);
    zip.once('error', () => reject(unreadable()));
    zip.readEntry();
  });

  let spent = 0;
  const open = (e: Entry) =>
    new Promise<NodeJS.ReadableStream>((resolve, reject) =>
      zip.openReadStream(e, (err, s) => (err || !s ? reject(unreadable()) : resolve(s))),
    );
  return {
    has: (name) => entries.has(name),
    async *read(name) {
      const e = entries.get(name);
      if (!e) throw unreadable();
      if (e.isEncrypted()) throw new AppError('bad_request', 'Excel 文件已加密，请取消密码后重新上传');
      if (spent + e.uncompressedSize > maxInflatedBytes) throw tooBig(maxInflatedBytes);
      const stream = await open(e);
      try {
        for await (const chunk of stream as AsyncIterable<Buffer>) {
          spent += chunk.length;
          if (spent > maxInflatedBytes) throw tooBig(maxInflatedBytes);
          yield chunk;
        }
      } catch (err) {
        if (err instanceof AppError) throw err;
        // A part that inflates past its declared size, a bad CRC, a broken deflate stream.
        throw unreadable();
      } finally {
        (stream as unknown as { destroy(): void }).destroy();
      }
    },
    close: () => zip.close(),
  };
}
