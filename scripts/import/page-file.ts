/**
 * Reading one page file within the page size limit: the limit is checked on the file's size and while reading, so a
 * page far over it is never held in memory; the text must be valid UTF-8 (the first bad byte is found in one pass).
 */
import { open } from "node:fs/promises";
import { decodeUtf8 } from "../shared/utf8.ts";

/** Default largest page read, in bytes: real docs pages are well under 1 MB. */
export const DEFAULT_MAX_PAGE_BYTES = 4 * 1024 * 1024;

export async function readPage(page: string, maxBytes: number): Promise<string | { message: string }> {
  let bytes: Buffer;
  try {
    bytes = await readCapped(page, maxBytes);
  } catch (error) {
    if (error instanceof PageTooLarge) return { message: error.message };
    return { message: `cannot read: ${(error as NodeJS.ErrnoException).code ?? String(error)}` };
  }
  const decoded = decodeUtf8(bytes);
  return "text" in decoded ? decoded.text : { message: `not valid UTF-8 (byte ${decoded.invalidAt})` };
}

class PageTooLarge extends Error {}

function tooLarge(maxBytes: number): PageTooLarge {
  return new PageTooLarge(`page larger than the page size limit of ${maxBytes} bytes (--max-page-bytes)`);
}

async function readCapped(page: string, maxBytes: number): Promise<Buffer> {
  const handle = await open(page, "r");
  try {
    if ((await handle.stat()).size > maxBytes) throw tooLarge(maxBytes);
    // The file may grow after the stat: read at most one byte past the limit.
    const buffer = Buffer.alloc(maxBytes + 1);
    let length = 0;
    for (;;) {
      const { bytesRead } = await handle.read(buffer, length, buffer.length - length, length);
      if (bytesRead === 0) break;
      length += bytesRead;
      if (length > maxBytes) throw tooLarge(maxBytes);
    }
    return buffer.subarray(0, length);
  } finally {
    await handle.close();
  }
}
