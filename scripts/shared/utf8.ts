/**
 * Decoding input bytes as UTF-8 in one linear pass. Every reader of outside input (spec files, docs pages, fetched
 * pages) decodes through here, so a bad byte is found in O(n): the earlier way of finding it (decoding every prefix
 * until one failed) took 90 s on a 256 KiB page with a bad byte at its end.
 */
import { isUtf8 } from "node:buffer";

/** The text (a leading byte-order mark dropped, as TextDecoder does), or the offset of the first invalid byte. */
export type Utf8Outcome = { text: string } | { invalidAt: number };

/** Decodes `bytes` as strict UTF-8 (no replacement characters), or says where the first invalid byte is. */
export function decodeUtf8(bytes: Uint8Array): Utf8Outcome {
  if (isUtf8(bytes)) return { text: new TextDecoder("utf-8", { fatal: true }).decode(bytes) };
  return { invalidAt: firstInvalidUtf8Byte(bytes) };
}

/**
 * Offset of the first byte that cannot start or continue a well-formed UTF-8 sequence (Unicode's definition, the
 * one TextDecoder's fatal mode applies: no overlong forms, no surrogates, nothing above U+10FFFF), or `bytes.length`
 * when a sequence is cut short by the end of the input, or -1 when every byte is valid.
 */
export function firstInvalidUtf8Byte(bytes: Uint8Array): number {
  let index = 0;
  while (index < bytes.length) {
    const length = sequenceLength(bytes, index);
    if (length <= 0) return index - length;
    index += length;
  }
  return -1;
}

/**
 * The length of the well-formed sequence starting at `start`, or, when it is ill-formed, minus the number of its
 * bytes that are valid before the offending one (so `start - result` is the offending byte's offset).
 */
function sequenceLength(bytes: Uint8Array, start: number): number {
  const lead = bytes[start] as number;
  if (lead < 0x80) return 1;
  const [count, low, high] = leadRange(lead);
  if (count === 0) return 0;
  for (let offset = 1; offset <= count; offset++) {
    const byte = bytes[start + offset];
    if (byte === undefined) return -offset;
    // Only the second byte has a narrowed range; later continuation bytes are any of 0x80–0xBF.
    const [min, max] = offset === 1 ? [low, high] : [0x80, 0xbf];
    if (byte < min || byte > max) return -offset;
  }
  return count + 1;
}

/** For a lead byte: how many continuation bytes follow, and the allowed range of the first one (Unicode table 3-7). */
function leadRange(lead: number): [count: number, low: number, high: number] {
  if (lead >= 0xc2 && lead <= 0xdf) return [1, 0x80, 0xbf];
  if (lead === 0xe0) return [2, 0xa0, 0xbf];
  if (lead === 0xed) return [2, 0x80, 0x9f];
  if (lead >= 0xe1 && lead <= 0xef) return [2, 0x80, 0xbf];
  if (lead === 0xf0) return [3, 0x90, 0xbf];
  if (lead >= 0xf1 && lead <= 0xf3) return [3, 0x80, 0xbf];
  if (lead === 0xf4) return [3, 0x80, 0x8f];
  return [0, 0, 0];
}
