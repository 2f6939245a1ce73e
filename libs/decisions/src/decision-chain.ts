import type { DataSource } from 'typeorm';

export interface ChainVerification {
  valid: boolean;
  decisions: number;
  /** the first link that does not hold: its sequence number and transaction id */
  firstBroken?: { seq: number; transactionId: string; problem: 'content' | 'link' };
  /** decisions with no link (recorded before the chain existed, or inserted behind the function's back) */
  unchained: number;
}

/**
 * Walks the decision chain: every link must hash the previous link and the decision's content as stored now.
 * A changed decision breaks its content hash; a removed or reordered link breaks the next link.
 */
export async function verifyDecisionChain(dataSource: DataSource): Promise<ChainVerification> {
  const broken: Array<{ seq: string; transaction_id: string; content_ok: boolean }> = await dataSource.query(`
    SELECT seq, transaction_id, content_ok FROM (
      SELECT c.seq, c.transaction_id,
        c.content_hash = coalesce(decision_content_hash(d), '') AS content_ok,
        c.prev_hash = coalesce(lag(c.chain_hash) OVER (ORDER BY c.seq), repeat('0', 64))
          AND c.chain_hash = encode(sha256(convert_to(c.prev_hash || '|' || c.transaction_id || '|' || c.content_hash, 'UTF8')), 'hex') AS link_ok
      FROM decision_chain c LEFT JOIN decisions d USING (transaction_id)
    ) AS checked WHERE NOT (content_ok AND link_ok) ORDER BY seq LIMIT 1`);
  const counts: Array<{ chained: number; unchained: number }> = await dataSource.query(`
    SELECT (SELECT count(*)::int FROM decision_chain) AS chained,
      (SELECT count(*)::int FROM decisions d WHERE NOT EXISTS (SELECT 1 FROM decision_chain c WHERE c.transaction_id = d.transaction_id)) AS unchained`);
  const { chained, unchained } = counts[0];
  if (broken[0]) {
    return {
      valid: false,
      decisions: chained,
      unchained,
      firstBroken: { seq: Number(broken[0].seq), transactionId: broken[0].transaction_id, problem: broken[0].content_ok ? 'link' : 'content' },
    };
  }
  return { valid: unchained === 0, decisions: chained, unchained };
}
