import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Core schema: lists and snapshots, payments and decisions, limit usage, blocks, alerts, outbox, API keys,
 * audit trail. Decisions and audit events are append-only: the database itself refuses UPDATE and DELETE.
 */
export class CreateCoreSchema1764100000000 implements MigrationInterface {
  name = 'CreateCoreSchema1764100000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE FUNCTION refuse_change() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        RAISE EXCEPTION '% is append-only: % refused', TG_TABLE_NAME, TG_OP USING ERRCODE = 'insufficient_privilege';
      END $$;

      CREATE TABLE fx_tables (
        version integer PRIMARY KEY,
        units_per_usd jsonb NOT NULL,
        created_at timestamptz NOT NULL DEFAULT now(),
        created_by text NOT NULL,
        note text
      );

      CREATE TABLE rule_sets (
        version integer PRIMARY KEY,
        definition jsonb NOT NULL,
        created_at timestamptz NOT NULL DEFAULT now(),
        created_by text NOT NULL,
        note text
      );

      CREATE TABLE list_snapshots (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        list text NOT NULL,
        format text NOT NULL,
        content_hash text NOT NULL,
        entry_count integer NOT NULL,
        name_count integer NOT NULL,
        published_on date,
        source text NOT NULL,
        status text NOT NULL CHECK (status IN ('ACTIVE', 'SUPERSEDED')),
        delta jsonb NOT NULL DEFAULT '{}',
        warnings jsonb NOT NULL DEFAULT '[]',
        imported_by text NOT NULL,
        imported_at timestamptz NOT NULL DEFAULT now(),
        superseded_at timestamptz
      );
      CREATE UNIQUE INDEX list_snapshots_one_active ON list_snapshots (list) WHERE status = 'ACTIVE';

      CREATE TABLE list_entries (
        snapshot_id uuid NOT NULL REFERENCES list_snapshots (id),
        source_id text NOT NULL,
        fingerprint text NOT NULL,
        entry jsonb NOT NULL,
        PRIMARY KEY (snapshot_id, source_id)
      );

      CREATE TABLE list_import_runs (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        list text NOT NULL,
        format text NOT NULL,
        source text NOT NULL,
        requested_by text NOT NULL,
        started_at timestamptz NOT NULL DEFAULT now(),
        finished_at timestamptz,
        status text NOT NULL CHECK (status IN ('RUNNING', 'ACTIVATED', 'UNCHANGED', 'REJECTED', 'FAILED')),
        snapshot_id uuid REFERENCES list_snapshots (id),
        error text
      );

      CREATE TABLE payers (
        payer_key text PRIMARY KEY,
        wallet_provider text NOT NULL,
        wallet_account_id text NOT NULL,
        first_seen_at timestamptz NOT NULL
      );

      CREATE TABLE payments (
        transaction_id text PRIMARY KEY,
        request_hash text NOT NULL,
        occurred_at timestamptz NOT NULL,
        received_at timestamptz NOT NULL DEFAULT now(),
        payer_key text NOT NULL,
        merchant_id text NOT NULL,
        amount_value numeric(19, 4) NOT NULL,
        amount_currency char(3) NOT NULL,
        payer_amount_value numeric(19, 4),
        payer_amount_currency char(3),
        amount_usd_cents bigint NOT NULL,
        amount_cny_fen bigint NOT NULL,
        qr_type text NOT NULL,
        payer jsonb NOT NULL,
        merchant jsonb NOT NULL,
        decision text NOT NULL CHECK (decision IN ('APPROVE', 'STEP_UP', 'REVIEW', 'DECLINE')),
        status text NOT NULL CHECK (status IN ('DECLINED', 'PENDING', 'SETTLED', 'FAILED', 'REVERSED')),
        status_at timestamptz NOT NULL DEFAULT now(),
        reservations jsonb NOT NULL DEFAULT '[]'
      );
      CREATE INDEX payments_payer_time ON payments (payer_key, occurred_at);
      CREATE INDEX payments_merchant_time ON payments (merchant_id, occurred_at);
      CREATE INDEX payments_status_time ON payments (status, occurred_at);

      CREATE TABLE payment_outcomes (
        id bigserial PRIMARY KEY,
        transaction_id text NOT NULL REFERENCES payments (transaction_id),
        status text NOT NULL CHECK (status IN ('SETTLED', 'FAILED', 'REVERSED')),
        at timestamptz NOT NULL,
        received_at timestamptz NOT NULL DEFAULT now(),
        actor text NOT NULL
      );
      CREATE INDEX payment_outcomes_transaction ON payment_outcomes (transaction_id);

      CREATE TABLE decisions (
        transaction_id text PRIMARY KEY REFERENCES payments (transaction_id),
        outcome text NOT NULL,
        risk_score integer NOT NULL,
        tier text NOT NULL,
        reasons jsonb NOT NULL,
        actions jsonb NOT NULL,
        screening jsonb NOT NULL,
        alert_raised boolean NOT NULL,
        rule_set_version integer NOT NULL REFERENCES rule_sets (version),
        fx_version integer NOT NULL REFERENCES fx_tables (version),
        list_snapshot_ids uuid[] NOT NULL,
        inputs jsonb NOT NULL,
        response json NOT NULL,
        content_hash text NOT NULL,
        decided_at timestamptz NOT NULL,
        actor text NOT NULL
      );
      CREATE TRIGGER decisions_append_only BEFORE UPDATE OR DELETE ON decisions
        FOR EACH ROW EXECUTE FUNCTION refuse_change();

      CREATE TABLE limit_usage (
        payer_key text NOT NULL,
        period text NOT NULL CHECK (period IN ('DAY', 'MONTH', 'YEAR', 'STATIC_QR_DAY')),
        period_key text NOT NULL,
        amount bigint NOT NULL CHECK (amount >= 0),
        PRIMARY KEY (payer_key, period, period_key)
      );

      CREATE TABLE party_blocks (
        id bigserial PRIMARY KEY,
        party_key text NOT NULL,
        rule_id text NOT NULL,
        reason text NOT NULL,
        transaction_id text,
        created_at timestamptz NOT NULL DEFAULT now(),
        until timestamptz,
        lifted_at timestamptz,
        lifted_by text
      );
      CREATE INDEX party_blocks_active ON party_blocks (party_key) WHERE lifted_at IS NULL;

      CREATE TABLE outbox (
        id bigserial PRIMARY KEY,
        topic text NOT NULL,
        ref text NOT NULL,
        created_at timestamptz NOT NULL DEFAULT now(),
        processed_at timestamptz,
        attempts integer NOT NULL DEFAULT 0,
        UNIQUE (topic, ref)
      );
      CREATE INDEX outbox_pending ON outbox (created_at) WHERE processed_at IS NULL;

      CREATE TABLE alerts (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        dedup_key text NOT NULL,
        status text NOT NULL DEFAULT 'OPEN' CHECK (status IN ('OPEN', 'IN_PROGRESS', 'PENDING_APPROVAL', 'CLOSED')),
        type text NOT NULL,
        priority text NOT NULL CHECK (priority IN ('LOW', 'MEDIUM', 'HIGH', 'CRITICAL')),
        rule_id text NOT NULL,
        party_key text,
        merchant_id text,
        risk_score integer NOT NULL,
        evidence jsonb NOT NULL,
        occurrences integer NOT NULL DEFAULT 1,
        source text NOT NULL,
        sla_due_at timestamptz NOT NULL,
        assignee text,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now(),
        closed_at timestamptz
      );
      CREATE UNIQUE INDEX alerts_one_open_per_dedup_key ON alerts (dedup_key) WHERE status <> 'CLOSED';
      CREATE INDEX alerts_queue ON alerts (status, priority, sla_due_at);

      CREATE TABLE alert_occurrences (
        alert_id uuid NOT NULL REFERENCES alerts (id),
        ref text NOT NULL,
        at timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (alert_id, ref)
      );

      CREATE TABLE screening_suppressions (
        party_key text NOT NULL,
        list text NOT NULL,
        source_id text NOT NULL,
        entry_fingerprint text NOT NULL,
        alert_id uuid,
        created_by text NOT NULL,
        created_at timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (party_key, list, source_id, entry_fingerprint)
      );

      CREATE TABLE api_keys (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        name text NOT NULL,
        role text NOT NULL CHECK (role IN ('gateway', 'admin')),
        key_prefix text NOT NULL UNIQUE,
        key_hash text NOT NULL,
        created_by text NOT NULL,
        created_at timestamptz NOT NULL DEFAULT now(),
        revoked_at timestamptz
      );

      CREATE TABLE job_runs (
        id bigserial PRIMARY KEY,
        queue text NOT NULL,
        job_name text NOT NULL,
        job_id text NOT NULL,
        attempt integer NOT NULL,
        status text NOT NULL CHECK (status IN ('COMPLETED', 'FAILED')),
        started_at timestamptz NOT NULL,
        finished_at timestamptz NOT NULL DEFAULT now(),
        result jsonb,
        error text
      );
      CREATE INDEX job_runs_job ON job_runs (queue, job_id);

      CREATE TABLE audit_events (
        id bigserial PRIMARY KEY,
        occurred_at timestamptz NOT NULL DEFAULT clock_timestamp(),
        actor text NOT NULL,
        action text NOT NULL,
        entity_type text NOT NULL,
        entity_id text NOT NULL,
        before jsonb,
        after jsonb,
        request_id text,
        prev_hash text NOT NULL,
        hash text NOT NULL
      );
      CREATE INDEX audit_events_entity ON audit_events (entity_type, entity_id);
      CREATE TRIGGER audit_events_append_only BEFORE UPDATE OR DELETE ON audit_events
        FOR EACH ROW EXECUTE FUNCTION refuse_change();

      CREATE TABLE audit_chain_head (
        id integer PRIMARY KEY CHECK (id = 1),
        last_id bigint NOT NULL,
        last_hash text NOT NULL
      );
      INSERT INTO audit_chain_head VALUES (1, 0, repeat('0', 64));

      -- Appends one audit event to the hash chain. The head row lock serialises appends, so the chain has no
      -- forks even with many writers; hash = sha256(prev_hash | canonical fields).
      CREATE FUNCTION append_audit_event(
        p_actor text, p_action text, p_entity_type text, p_entity_id text,
        p_before jsonb, p_after jsonb, p_request_id text
      ) RETURNS bigint LANGUAGE plpgsql AS $$
      DECLARE
        v_prev text;
        v_id bigint;
        v_at timestamptz := clock_timestamp();
        v_hash text;
      BEGIN
        SELECT last_hash INTO v_prev FROM audit_chain_head WHERE id = 1 FOR UPDATE;
        v_id := nextval('audit_events_id_seq');
        v_hash := encode(sha256(convert_to(concat_ws('|', v_prev, v_id::text, to_char(v_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"'),
          p_actor, p_action, p_entity_type, p_entity_id, coalesce(p_before::text, ''), coalesce(p_after::text, ''),
          coalesce(p_request_id, '')), 'UTF8')), 'hex');
        INSERT INTO audit_events (id, occurred_at, actor, action, entity_type, entity_id, before, after, request_id, prev_hash, hash)
          VALUES (v_id, v_at, p_actor, p_action, p_entity_type, p_entity_id, p_before, p_after, p_request_id, v_prev, v_hash);
        UPDATE audit_chain_head SET last_id = v_id, last_hash = v_hash WHERE id = 1;
        RETURN v_id;
      END $$;
    `);
  }

  async down(): Promise<void> {
    throw new Error('The core schema is not reversible: audit and decision records must be kept');
  }
}
