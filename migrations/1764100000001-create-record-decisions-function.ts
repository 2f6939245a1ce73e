import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * record_pre_auth_decisions(batch jsonb): persists a micro-batch of pre-authorisation decisions in one commit.
 * For each payment, in its own subtransaction: the idempotency check, one conditional upsert per limit period
 * (it succeeds only while the new total stays within the cap), the payment, the decision, the payer's first
 * sighting, any block, and the outbox row for follow-up work. A payment whose reservation would exceed a cap
 * is rolled back alone and reported as LIMIT_EXCEEDED so the caller re-decides it with fresh state.
 * Callers sort the batch by payer key, so concurrent batches lock usage rows in one order.
 */
export class CreateRecordDecisionsFunction1764100000001 implements MigrationInterface {
  name = 'CreateRecordDecisionsFunction1764100000001';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE FUNCTION record_pre_auth_decisions(p_batch jsonb) RETURNS jsonb LANGUAGE plpgsql AS $$
      DECLARE
        v_item jsonb;
        v_reservation jsonb;
        v_results jsonb := '[]'::jsonb;
        v_existing record;
        v_rows integer;
        v_failed_period text;
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
        RETURN v_results;
      END $$;
    `);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('DROP FUNCTION record_pre_auth_decisions(jsonb)');
  }
}
