import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Makes stored decisions tamper-evident: every decision recorded from now on is appended to a hash chain
 * (decision_chain, append-only), each link hashing the previous link and the decision's stored content
 * (decision_content_hash: outcome, score, tier, reasons, actions, screening, versions, snapshot ids, inputs,
 * response, time). record_pre_auth_decisions is replaced by the same function plus the chaining step.
 */
export class CreateDecisionChain1764100000005 implements MigrationInterface {
  name = 'CreateDecisionChain1764100000005';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE TABLE decision_chain (
        seq bigserial PRIMARY KEY,
        transaction_id text NOT NULL UNIQUE REFERENCES decisions (transaction_id),
        content_hash text NOT NULL,
        prev_hash text NOT NULL,
        chain_hash text NOT NULL
      );
      CREATE TRIGGER decision_chain_append_only BEFORE UPDATE OR DELETE ON decision_chain
        FOR EACH ROW EXECUTE FUNCTION refuse_change();

      CREATE TABLE decision_chain_head (
        id integer PRIMARY KEY CHECK (id = 1),
        last_hash text NOT NULL
      );
      INSERT INTO decision_chain_head VALUES (1, repeat('0', 64));

      CREATE FUNCTION decision_content_hash(d decisions) RETURNS text LANGUAGE sql IMMUTABLE AS $$
        SELECT encode(sha256(convert_to(concat_ws('|', d.transaction_id, d.outcome, d.risk_score::text, d.tier,
          d.reasons::text, d.actions::text, d.screening::text, d.alert_raised::text, d.rule_set_version::text,
          d.fx_version::text, d.list_snapshot_ids::text, d.inputs::text, d.response::text, d.content_hash,
          to_char(d.decided_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"'), d.actor), 'UTF8')), 'hex')
      $$;

      CREATE OR REPLACE FUNCTION record_pre_auth_decisions(p_batch jsonb) RETURNS jsonb LANGUAGE plpgsql AS $$
      DECLARE
        v_item jsonb;
        v_reservation jsonb;
        v_results jsonb := '[]'::jsonb;
        v_existing record;
        v_rows integer;
        v_failed_period text;
        v_recorded text[] := '{}';
        v_transaction_id text;
        v_prev text;
        v_content text;
        v_hash text;
      BEGIN
        FOR v_item IN SELECT value FROM jsonb_array_elements(p_batch) LOOP
          SELECT p.request_hash, d.response INTO v_existing
            FROM payments p JOIN decisions d USING (transaction_id)
            WHERE p.transaction_id = v_item->>'transactionId';
          IF FOUND THEN
            v_results := v_results || jsonb_build_array(jsonb_build_object('transactionId', v_item->>'transactionId',
              'status', 'DUPLICATE', 'requestHash', v_existing.request_hash, 'response', v_existing.response::text));
            CONTINUE;
          END IF;
          v_failed_period := NULL;
          BEGIN
            FOR v_reservation IN SELECT value FROM jsonb_array_elements(v_item->'reservations') LOOP
              INSERT INTO limit_usage AS u (payer_key, period, period_key, amount)
                SELECT v_item->>'payerKey', v_reservation->>'period', v_reservation->>'periodKey', (v_reservation->>'amount')::bigint
                WHERE (v_reservation->>'amount')::bigint <= (v_reservation->>'cap')::bigint
              ON CONFLICT (payer_key, period, period_key) DO UPDATE SET amount = u.amount + EXCLUDED.amount
                WHERE u.amount + EXCLUDED.amount <= (v_reservation->>'cap')::bigint;
              GET DIAGNOSTICS v_rows = ROW_COUNT;
              IF v_rows = 0 THEN
                v_failed_period := v_reservation->>'period';
                RAISE EXCEPTION 'limit exceeded' USING ERRCODE = 'P0001';
              END IF;
            END LOOP;

            INSERT INTO payers (payer_key, wallet_provider, wallet_account_id, first_seen_at)
              VALUES (v_item->>'payerKey', v_item->>'walletProvider', v_item->>'walletAccountId', (v_item->>'occurredAt')::timestamptz)
              ON CONFLICT (payer_key) DO NOTHING;

            INSERT INTO payments (transaction_id, request_hash, occurred_at, payer_key, merchant_id, amount_value,
                amount_currency, payer_amount_value, payer_amount_currency, amount_usd_cents, amount_cny_fen, qr_type,
                payer, merchant, decision, status, reservations)
              VALUES (v_item->>'transactionId', v_item->>'requestHash', (v_item->>'occurredAt')::timestamptz,
                v_item->>'payerKey', v_item->>'merchantId', (v_item->>'amountValue')::numeric, v_item->>'amountCurrency',
                (v_item->>'payerAmountValue')::numeric, v_item->>'payerAmountCurrency', (v_item->>'amountUsdCents')::bigint,
                (v_item->>'amountCnyFen')::bigint, v_item->>'qrType', v_item->'payer', v_item->'merchant',
                v_item->'decision'->>'outcome',
                CASE WHEN v_item->'decision'->>'outcome' = 'DECLINE' THEN 'DECLINED' ELSE 'PENDING' END,
                v_item->'reservations');

            INSERT INTO decisions (transaction_id, outcome, risk_score, tier, reasons, actions, screening, alert_raised,
                rule_set_version, fx_version, list_snapshot_ids, inputs, response, content_hash, decided_at, actor)
              SELECT v_item->>'transactionId', d->>'outcome', (d->>'riskScore')::integer, d->>'tier', d->'reasons', d->'actions',
                d->'screening', (d->>'alertRaised')::boolean, (d->>'ruleSetVersion')::integer, (d->>'fxVersion')::integer,
                ARRAY(SELECT jsonb_array_elements_text(d->'listSnapshotIds'))::uuid[], d->'inputs', (d->>'response')::json,
                d->>'contentHash', (d->>'decidedAt')::timestamptz, d->>'actor'
              FROM (SELECT v_item->'decision' AS d) AS source;

            IF jsonb_typeof(v_item->'block') = 'object' THEN
              INSERT INTO party_blocks (party_key, rule_id, reason, transaction_id, until)
                VALUES (v_item->>'payerKey', v_item->'block'->>'ruleId', v_item->'block'->>'reason',
                  v_item->>'transactionId', (v_item->'block'->>'until')::timestamptz);
            END IF;

            INSERT INTO outbox (topic, ref)
              SELECT topic, v_item->>'transactionId' FROM jsonb_array_elements_text(v_item->'outboxTopics') AS topic;

            v_recorded := v_recorded || (v_item->>'transactionId');
            v_results := v_results || jsonb_build_array(jsonb_build_object('transactionId', v_item->>'transactionId', 'status', 'RECORDED'));
          EXCEPTION
            WHEN raise_exception THEN
              v_results := v_results || jsonb_build_array(jsonb_build_object('transactionId', v_item->>'transactionId',
                'status', 'LIMIT_EXCEEDED', 'period', v_failed_period));
            WHEN unique_violation THEN
              SELECT p.request_hash, d.response INTO v_existing
                FROM payments p JOIN decisions d USING (transaction_id)
                WHERE p.transaction_id = v_item->>'transactionId';
              v_results := v_results || jsonb_build_array(jsonb_build_object('transactionId', v_item->>'transactionId',
                'status', 'DUPLICATE', 'requestHash', v_existing.request_hash, 'response', v_existing.response::text));
          END;
        END LOOP;

        -- Chain the recorded decisions. The head row is locked last (after every usage row), so concurrent
        -- batches, which lock usage rows in payer-key order, cannot deadlock on it.
        IF cardinality(v_recorded) > 0 THEN
          SELECT last_hash INTO v_prev FROM decision_chain_head WHERE id = 1 FOR UPDATE;
          FOREACH v_transaction_id IN ARRAY v_recorded LOOP
            SELECT decision_content_hash(d) INTO v_content FROM decisions d WHERE d.transaction_id = v_transaction_id;
            v_hash := encode(sha256(convert_to(v_prev || '|' || v_transaction_id || '|' || v_content, 'UTF8')), 'hex');
            INSERT INTO decision_chain (transaction_id, content_hash, prev_hash, chain_hash) VALUES (v_transaction_id, v_content, v_prev, v_hash);
            v_prev := v_hash;
          END LOOP;
          UPDATE decision_chain_head SET last_hash = v_prev WHERE id = 1;
        END IF;
        RETURN v_results;
      END $$;
    `);
  }

  async down(): Promise<void> {
    throw new Error('The decision chain is not reversible: it is evidence');
  }
}
