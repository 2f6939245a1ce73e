/** Counting helpers for the matching evaluation. Pure functions. */

export interface Confusion {
  truePositives: number;
  falsePositives: number;
  trueNegatives: number;
  falseNegatives: number;
}

export interface BinaryScores extends Confusion {
  total: number;
  precision: number;
  recall: number;
  f1: number;
  accuracy: number;
}

export function emptyConfusion(): Confusion {
  return { truePositives: 0, falsePositives: 0, trueNegatives: 0, falseNegatives: 0 };
}

export function addOutcome(confusion: Confusion, actual: boolean, predicted: boolean): void {
  if (actual && predicted) confusion.truePositives++;
  else if (!actual && predicted) confusion.falsePositives++;
  else if (!actual && !predicted) confusion.trueNegatives++;
  else confusion.falseNegatives++;
}

/** Precision, recall, F1 and accuracy; a ratio with a zero denominator is reported as 0 (nothing predicted / nothing to find). */
export function binaryScores(confusion: Confusion): BinaryScores {
  const { truePositives: tp, falsePositives: fp, trueNegatives: tn, falseNegatives: fn } = confusion;
  const precision = tp + fp === 0 ? 0 : tp / (tp + fp);
  const recall = tp + fn === 0 ? 0 : tp / (tp + fn);
  const f1 = precision + recall === 0 ? 0 : (2 * precision * recall) / (precision + recall);
  const total = tp + fp + tn + fn;
  const accuracy = total === 0 ? 0 : (tp + tn) / total;
  return { ...confusion, total, precision, recall, f1, accuracy };
}

export function scoresFromPairs(pairs: Iterable<{ actual: boolean; predicted: boolean }>): BinaryScores {
  const confusion = emptyConfusion();
  for (const pair of pairs) addOutcome(confusion, pair.actual, pair.predicted);
  return binaryScores(confusion);
}

/** Percentile by the nearest-rank method over an ascending-sorted array. */
export function percentile(sortedAscending: ArrayLike<number>, p: number): number {
  const n = sortedAscending.length;
  if (n === 0) return Number.NaN;
  if (p <= 0) return sortedAscending[0];
  if (p >= 100) return sortedAscending[n - 1];
  const rank = Math.ceil((p / 100) * n);
  return sortedAscending[Math.max(0, rank - 1)];
}

export interface LatencySummary {
  count: number;
  p50: number;
  p95: number;
  p99: number;
  max: number;
  mean: number;
}

/** Summarise durations (any unit; the caller keeps track of it). */
export function summariseLatencies(durations: readonly number[]): LatencySummary {
  const sorted = Float64Array.from(durations).sort();
  let sum = 0;
  for (const d of sorted) sum += d;
  return {
    count: sorted.length,
    p50: percentile(sorted, 50),
    p95: percentile(sorted, 95),
    p99: percentile(sorted, 99),
    max: sorted.length ? sorted[sorted.length - 1] : Number.NaN,
    mean: sorted.length ? sum / sorted.length : Number.NaN,
  };
}

/** Counts keyed by a string, most frequent first (ties by key, for a stable report). */
export class Tally {
  private readonly counts = new Map<string, number>();

  add(key: string, by = 1): void {
    this.counts.set(key, (this.counts.get(key) ?? 0) + by);
  }

  get(key: string): number {
    return this.counts.get(key) ?? 0;
  }

  top(n: number): Array<[string, number]> {
    return [...this.counts.entries()]
      .sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0))
      .slice(0, n);
  }

  get size(): number {
    return this.counts.size;
  }
}

/** Recall bookkeeping per group (treatment, script, category …) plus overall. */
export class RecallByGroup {
  private readonly groups = new Map<string, { found: number; total: number }>();

  add(group: string, found: boolean): void {
    const g = this.groups.get(group) ?? { found: 0, total: 0 };
    g.total++;
    if (found) g.found++;
    this.groups.set(group, g);
  }

  rows(): Array<{ group: string; found: number; total: number; recall: number }> {
    return [...this.groups.entries()]
      .sort((a, b) => (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0))
      .map(([group, g]) => ({
        group,
        found: g.found,
        total: g.total,
        recall: g.total ? g.found / g.total : 0,
      }));
  }

  overall(): { found: number; total: number; recall: number } {
    let found = 0;
    let total = 0;
    for (const g of this.groups.values()) {
      found += g.found;
      total += g.total;
    }
    return { found, total, recall: total ? found / total : 0 };
  }
}
