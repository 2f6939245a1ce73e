import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Compliance officers (username, role, scrypt password hash, lock-out counters) and their bearer sessions
 * (only the SHA-256 of a token is stored). Usernames are stored lower case, so uniqueness ignores case without
 * the citext extension.
 */
export class CreateOfficers1764100000010 implements MigrationInterface {
  name = 'CreateOfficers1764100000010';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE TABLE officers (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        username text NOT NULL UNIQUE CHECK (username = lower(username) AND username ~ '^[a-z0-9][a-z0-9._@-]{2,63}$'),
        role text NOT NULL CHECK (role IN ('ANALYST', 'SUPERVISOR', 'ADMIN', 'AUDITOR')),
        password_hash text NOT NULL,
        failed_attempts integer NOT NULL DEFAULT 0 CHECK (failed_attempts >= 0),
        locked_until timestamptz,
        created_at timestamptz NOT NULL DEFAULT now(),
        created_by text NOT NULL,
        disabled_at timestamptz
      );

      CREATE TABLE officer_sessions (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        officer_id uuid NOT NULL REFERENCES officers (id),
        token_hash text NOT NULL UNIQUE,
        created_at timestamptz NOT NULL DEFAULT now(),
        expires_at timestamptz NOT NULL,
        revoked_at timestamptz,
        last_seen_at timestamptz
      );
      CREATE INDEX officer_sessions_officer ON officer_sessions (officer_id);
    `);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('DROP TABLE officer_sessions; DROP TABLE officers;');
  }
}
