/** Small numeric helpers for the bench's summaries and report. */

export function median(values: readonly number[]): number | undefined {
  if (values.length === 0) return undefined;
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1
    ? (sorted[middle] as number)
    : ((sorted[middle - 1] as number) + (sorted[middle] as number)) / 2;
}

/** Medians of the values present under each key. */
export function medianByKey<K extends string>(
  records: readonly Partial<Record<K, number>>[],
  keys: readonly K[],
): Partial<Record<K, number>> {
  const result: Partial<Record<K, number>> = {};
  for (const key of keys) {
    const value = median(
      records.flatMap((record) => (record[key] === undefined ? [] : [record[key] as number])),
    );
    if (value !== undefined) result[key] = value;
  }
  return result;
}

export function ratio(numerator: number | undefined, denominator: number | undefined): number | undefined {
  return numerator === undefined || denominator === undefined || denominator === 0
    ? undefined
    : numerator / denominator;
}

export function formatMs(ms: number | undefined): string {
  if (ms === undefined) return "–";
  if (ms >= 1000) return `${(ms / 1000).toFixed(2)} s`;
  return `${ms.toFixed(ms >= 100 ? 0 : ms >= 10 ? 1 : 2)} ms`;
}

export function formatMiB(bytes: number | undefined): string {
  return bytes === undefined ? "–" : `${(bytes / 1024 / 1024).toFixed(0)} MiB`;
}

export function formatRatio(value: number | undefined): string {
  return value === undefined ? "–" : `${value.toFixed(2)}×`;
}

export function formatBytes(bytes: number | undefined): string {
  return bytes === undefined ? "–" : `${bytes.toLocaleString("en-US")} B`;
}

/** User + system CPU time, in milliseconds. */
export function cpuMillis(usage: NodeJS.CpuUsage): number {
  return (usage.user + usage.system) / 1000;
}
