/**
 * Reading one page file within the page size limit: the limit is checked on the file's size and while reading, so a
 * page far over it is never held in memory; the text must be valid UTF-8 (the first bad byte is found in one pass).
 */
import { open } from "node:fs/promises";

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
  try {
    return new TextDecoder("utf-8", { fatal: true }).decode(bytes);
  } catch {
    return { message: `not valid UTF-8 (byte ${firstInvalidByte(bytes)})` };
  }
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

/** Offset of the first byte that does not start or continue a valid UTF-8 sequence (one linear pass). */
export function firstInvalidByte(bytes: Uint8Array): number {
  let index = 0;
  while (index < bytes.length) {
    const length = sequenceLength(bytes, index);
    if (length === 0) return index;
    index += length;
  }
  return bytes.length;
}

/** Length of the valid UTF-8 sequence at `index`, or 0 (overlong forms, surrogates and > U+10FFFF are invalid). */
function sequenceLength(bytes: Uint8Array, index: number): number {
  const first = bytes[index] as number;
  if (first < 0x80) return 1;
  const [length, low, high] =
    first >= 0xc2 && first <= 0xdf
      ? [2, 0x80, 0xbf]
      : first === 0xe0
        ? [3, 0xa0, 0xbf]
        : first === 0xed
          ? [3, 0x80, 0x9f]
          : first >= 0xe1 && first <= 0xef
            ? [3, 0x80, 0xbf]
            : first === 0xf0
              ? [4, 0x90, 0xbf]
              : first >= 0xf1 && first <= 0xf3
                ? [4, 0x80, 0xbf]
                : first === 0xf4
                  ? [4, 0x80, 0x8f]
                  : [0, 0, 0];
  if (length === 0) return 0;
  const second = bytes[index + 1];
  if (second === undefined || second < low || second > high) return 0;
  for (let offset = 2; offset < length; offset++) {
    const next = bytes[index + offset];
    if (next === undefined || next < 0x80 || next > 0xbf) return 0;
  }
  return length;
}
