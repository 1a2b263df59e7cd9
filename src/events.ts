/**
 * `text/event-stream` responses as async iterables of events, parsed by eventsource-parser. The per-attempt timeout
 * bounds each wait for the next event (not the whole stream); the caller's abort, or leaving the loop early, ends
 * the iteration cleanly and closes the connection.
 */
import { createParser, type EventSourceMessage } from "eventsource-parser";
import { BctrlResponseTooLargeError, BctrlTimeoutError, notJson } from "./errors.js";

/** One server-sent event; `data` is the event's data parsed as JSON (as text when the spec's event is a string). */
export interface ServerSentEvent<Data> {
  /** The event's type (its `event:` field), when the server named one. */
  event?: string | undefined;
  /** The event's `id:` field, when it has one. */
  id?: string | undefined;
  data: Data;
}

/** How a stream of events is read. */
export interface EventReading {
  /** The longest wait for the next event, in ms. */
  timeoutMs: number;
  /** The most bytes one event may take before it is complete. */
  maxEventBytes: number;
  /** The caller's signal: its abort ends the iteration without an error. */
  signal: AbortSignal | undefined;
  /** Hand `data` over as text instead of parsing it as JSON. */
  text: boolean;
  /** The operation, for the error on data that is not JSON. */
  where: string;
  /** The error to throw for a failure while reading (a dropped connection: a redacted BctrlNetworkError). */
  fail: (error: unknown) => unknown;
}

/** Reads the next chunk, or rejects with a timeout of `timeoutMs` when none comes before `deadline`. */
function readBefore<T>(
  reader: ReadableStreamDefaultReader<T>,
  deadline: number,
  timeoutMs: number,
): Promise<ReadableStreamReadResult<T>> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const expired = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new BctrlTimeoutError(timeoutMs)), deadline - Date.now());
  });
  return Promise.race([reader.read(), expired]).finally(() => clearTimeout(timer));
}

function toEvent<Data>(
  { event, id, data }: EventSourceMessage,
  reading: EventReading,
): ServerSentEvent<Data> {
  let value: unknown = data;
  if (!reading.text) {
    try {
      value = JSON.parse(data);
    } catch {
      // JSON.parse's message quotes the data, which may echo the key: say only where it came from.
      throw notJson(reading.where);
    }
  }
  return { ...(event ? { event } : {}), ...(id ? { id } : {}), data: value as Data };
}

/** The events of `body`, in order, as they arrive. */
export async function* readEvents<Data>(
  body: ReadableStream<Uint8Array>,
  reading: EventReading,
): AsyncGenerator<ServerSentEvent<Data>, void, undefined> {
  const ready: EventSourceMessage[] = [];
  let failure: unknown;
  // The parser bounds what it buffers of the event being read: one event, however long the stream.
  const parser = createParser({
    onEvent: (message) => ready.push(message),
    onError: (error) => {
      if (error.type === "max-buffer-size-exceeded")
        failure = new BctrlResponseTooLargeError(reading.maxEventBytes);
    },
    maxBufferSize: reading.maxEventBytes,
  });
  const reader = body
    .pipeThrough(new TextDecoderStream() as ReadableWritablePair<string, Uint8Array>)
    .getReader();
  try {
    for (;;) {
      for (let message = ready.shift(); message; message = ready.shift()) yield toEvent(message, reading);
      // The wait for the next event starts when the caller asks for it; comments and partial events do not reset it.
      const deadline = Date.now() + reading.timeoutMs;
      while (ready.length === 0) {
        const chunk = await readBefore(reader, deadline, reading.timeoutMs);
        if (chunk.done) return;
        parser.feed(chunk.value);
        if (failure) throw failure;
      }
    }
  } catch (error) {
    if (reading.signal?.aborted) return;
    throw reading.fail(error);
  } finally {
    reader.cancel().catch(() => {});
  }
}
