using System.Collections.Frozen;

namespace CleanroomMonitor.Storage.Records;

/// <summary>The SQLite schema of the record store. Every statement is idempotent (<c>IF NOT EXISTS</c>), so opening an
/// existing file runs it again harmlessly; <c>PRAGMA user_version</c> names the schema, and
/// <see cref="RecordSchemaUpgrade"/> fills what a newer version adds to a file of an older one.</summary>
internal static class RecordSchema
{
    /// <summary>The schema version this code writes; a file with a higher one came from a newer release.</summary>
    /// <remarks>1: the first schema. 2: <c>room_windows</c>, so declared room windows survive a restart. A release that
    /// knows only version 1 refuses a version 2 file rather than run without its windows. 3: <c>breach_reviews</c>, QA's
    /// signed reviews of a batch's unexplained breach runs (docs/reports.md); a version 2 release would report such a batch
    /// not clear, so it refuses the file. 4: <c>notification_plans</c>, <c>escalations</c> and <c>notification_deliveries</c>
    /// (docs/notifications.md); a version 3 release would forget running escalations and send nothing. 5:
    /// <c>qualification_runs</c>, <c>qualification_signatures</c> and <c>qualification_dispositions</c>, OQ runs as signed
    /// records (docs/security.md "OQ runs"); a version 4 release would not show them. 6: <c>report_signatures</c>,
    /// <c>report_reissues</c> and <c>report_issues</c>, the review, approval and frozen issued PDF of batch reports
    /// (docs/reports.md "Review, approval and issue"); a version 5 release would re-render an issued report. 7:
    /// <c>limit_changes</c>, <c>limit_change_signatures</c> and <c>limit_change_evidence</c>, limit changes proposed,
    /// approved, rejected or withdrawn under change control, and the evidence attached to them (docs/gmp.md "Limit changes
    /// under change control"); a version 6 release would judge by the facility file alone and drop approved changes; also
    /// <c>trend_report_reviews</c>, QA's signed reviews of a room's trend report over a period with the SHA-256 of the
    /// figures signed (docs/reports.md "Trend report"); a version 6 release would show them unreviewed; also
    /// <c>instrument_assets</c>, <c>calibrations</c> and <c>instrument_relocations</c>, the calibration register
    /// (docs/instruments.md "Calibration register"); a version 6 release would judge nothing overdue and flag no data.</remarks>
    public const int Version = 7;

    /// <summary>The triggers that keep history append-only. A file of an existing schema that lacks one its version
    /// had was changed outside the service; opening it re-creates the trigger and reports it.</summary>
    public static readonly IReadOnlyList<string> Triggers =
    [
        "audit_no_update", "audit_no_delete", "room_states_no_update", "room_states_no_delete", "limit_versions_no_update",
        "limit_versions_no_delete", "excursions_no_delete", "batches_no_delete", "excursions_closed_final",
        "users_no_delete", "api_tokens_no_delete", "room_leases_no_delete", "out_of_service_no_delete", "room_windows_no_delete",
        "breach_reviews_no_update", "breach_reviews_no_delete", "notification_plans_no_update", "notification_plans_no_delete",
        "notification_deliveries_no_delete", "qualification_runs_no_update", "qualification_runs_no_delete", "qualification_signatures_no_update",
        "qualification_signatures_no_delete", "qualification_dispositions_no_update", "qualification_dispositions_no_delete",
        "report_signatures_no_update", "report_signatures_no_delete", "report_reissues_no_update", "report_reissues_no_delete",
        "report_issues_no_update", "report_issues_no_delete", "limit_changes_no_update", "limit_changes_no_delete",
        "limit_change_signatures_no_update", "limit_change_signatures_no_delete", "limit_change_evidence_no_update", "limit_change_evidence_no_delete",
        "trend_report_reviews_no_update", "trend_report_reviews_no_delete",
        "instrument_assets_no_update", "instrument_assets_no_delete", "calibrations_no_update", "calibrations_no_delete",
        "instrument_relocations_no_update", "instrument_relocations_no_delete",
    ];

    /// <summary>Triggers added after version 1, with the version that added them.</summary>
    private static readonly FrozenDictionary<string, int> AddedIn =
        new Dictionary<string, int>(StringComparer.Ordinal) { ["room_windows_no_delete"] = 2, ["breach_reviews_no_update"] = 3, ["breach_reviews_no_delete"] = 3,
            ["notification_plans_no_update"] = 4, ["notification_plans_no_delete"] = 4, ["notification_deliveries_no_delete"] = 4,
            ["qualification_runs_no_update"] = 5, ["qualification_runs_no_delete"] = 5, ["qualification_signatures_no_update"] = 5,
            ["qualification_signatures_no_delete"] = 5, ["qualification_dispositions_no_update"] = 5, ["qualification_dispositions_no_delete"] = 5,
            ["report_signatures_no_update"] = 6, ["report_signatures_no_delete"] = 6, ["report_reissues_no_update"] = 6, ["report_reissues_no_delete"] = 6,
            ["report_issues_no_update"] = 6, ["report_issues_no_delete"] = 6, ["limit_changes_no_update"] = 7, ["limit_changes_no_delete"] = 7,
            ["limit_change_signatures_no_update"] = 7, ["limit_change_signatures_no_delete"] = 7, ["limit_change_evidence_no_update"] = 7,
            ["limit_change_evidence_no_delete"] = 7, ["trend_report_reviews_no_update"] = 7, ["trend_report_reviews_no_delete"] = 7,
            ["instrument_assets_no_update"] = 7, ["instrument_assets_no_delete"] = 7, ["calibrations_no_update"] = 7, ["calibrations_no_delete"] = 7,
            ["instrument_relocations_no_update"] = 7, ["instrument_relocations_no_delete"] = 7 }.ToFrozenDictionary(StringComparer.Ordinal);

    /// <summary>The triggers a file of schema <paramref name="version"/> has: one added by a later version is missing from
    /// an older file by design (the upgrade creates it), not because someone dropped it.</summary>
    public static IEnumerable<string> TriggersOf(int version) => Triggers.Where(name => AddedIn.GetValueOrDefault(name, 1) <= version);

    /// <summary>Times are UTC text (<see cref="RecordTime"/>), so text order is time order. The <c>record</c> column is
    /// the whole record as JSON (<see cref="RecordJson"/>); the other columns are copies of its fields for filtering.</summary>
    public const string Create = """
        CREATE TABLE IF NOT EXISTS excursions (
            id TEXT PRIMARY KEY NOT NULL,
            kind TEXT NOT NULL,
            level TEXT NOT NULL,
            sensor TEXT NULL,
            room TEXT NOT NULL,
            status TEXT NOT NULL,
            started_at TEXT NOT NULL,
            ended_at TEXT NULL,
            batches TEXT NOT NULL,
            record TEXT NOT NULL
        );
        CREATE INDEX IF NOT EXISTS ix_excursions_started_at ON excursions (started_at);
        CREATE INDEX IF NOT EXISTS ix_excursions_room ON excursions (room, started_at);
        CREATE INDEX IF NOT EXISTS ix_excursions_sensor ON excursions (sensor, started_at);
        CREATE INDEX IF NOT EXISTS ix_excursions_status ON excursions (status, started_at);

        CREATE TABLE IF NOT EXISTS batches (
            number TEXT PRIMARY KEY NOT NULL,
            product TEXT NOT NULL,
            tenant TEXT NOT NULL,
            started_at TEXT NOT NULL,
            ended_at TEXT NULL,
            record TEXT NOT NULL
        );
        CREATE INDEX IF NOT EXISTS ix_batches_started_at ON batches (started_at);

        CREATE TABLE IF NOT EXISTS room_states (
            id INTEGER PRIMARY KEY AUTOINCREMENT,
            room TEXT NOT NULL,
            state TEXT NOT NULL,
            at TEXT NOT NULL,
            record TEXT NOT NULL
        );
        CREATE INDEX IF NOT EXISTS ix_room_states_room ON room_states (room, at);

        CREATE TABLE IF NOT EXISTS limit_versions (
            id INTEGER PRIMARY KEY AUTOINCREMENT,
            key TEXT NOT NULL,
            version TEXT NOT NULL,
            description TEXT NOT NULL,
            recorded_at TEXT NOT NULL
        );
        CREATE INDEX IF NOT EXISTS ix_limit_versions_key ON limit_versions (key, id);

        -- Users, tokens and leases: current state here, every change in the audit trail. Disabled or revoked, never deleted.
        CREATE TABLE IF NOT EXISTS users (
            id TEXT PRIMARY KEY NOT NULL,
            user_name TEXT NOT NULL UNIQUE,
            record TEXT NOT NULL
        );
        CREATE TABLE IF NOT EXISTS api_tokens (
            id TEXT PRIMARY KEY NOT NULL,
            token_hash TEXT NOT NULL UNIQUE,
            record TEXT NOT NULL
        );
        CREATE TABLE IF NOT EXISTS room_leases (
            id TEXT PRIMARY KEY NOT NULL,
            room TEXT NOT NULL,
            record TEXT NOT NULL
        );

        -- Sensors out of service (ISA-18.2): one current-state row per period, every change in the audit trail.
        CREATE TABLE IF NOT EXISTS out_of_service (
            id TEXT PRIMARY KEY NOT NULL,
            sensor TEXT NOT NULL,
            room TEXT NOT NULL,
            from_at TEXT NOT NULL,
            record TEXT NOT NULL
        );
        CREATE INDEX IF NOT EXISTS ix_out_of_service_room ON out_of_service (room, from_at);
        CREATE TRIGGER IF NOT EXISTS out_of_service_no_delete BEFORE DELETE ON out_of_service
            BEGIN SELECT RAISE(ABORT, 'out-of-service periods are never deleted: DELETE refused'); END;

        -- Declared room windows (operation, non-monitoring; Annex 1 9.19-9.20), since version 2: one current-state row
        -- per window, every declaration and early end in the audit trail under the room's id. Ended, never deleted.
        CREATE TABLE IF NOT EXISTS room_windows (
            id TEXT PRIMARY KEY NOT NULL,
            room TEXT NOT NULL,
            kind TEXT NOT NULL,
            from_at TEXT NOT NULL,
            to_at TEXT NOT NULL,
            record TEXT NOT NULL
        );
        CREATE INDEX IF NOT EXISTS ix_room_windows_room ON room_windows (room, from_at);
        CREATE TRIGGER IF NOT EXISTS room_windows_no_delete BEFORE DELETE ON room_windows
            BEGIN SELECT RAISE(ABORT, 'room windows are ended, never deleted: DELETE refused'); END;

        -- QA's signed breach reviews of a batch (docs/reports.md), since version 3: a signed record, never changed or deleted.
        CREATE TABLE IF NOT EXISTS breach_reviews (
            id TEXT PRIMARY KEY NOT NULL,
            batch TEXT NOT NULL,
            signed_at TEXT NOT NULL,
            record TEXT NOT NULL
        );
        CREATE INDEX IF NOT EXISTS ix_breach_reviews_batch ON breach_reviews (batch, signed_at);
        CREATE TRIGGER IF NOT EXISTS breach_reviews_no_update BEFORE UPDATE ON breach_reviews
            BEGIN SELECT RAISE(ABORT, 'breach reviews are signed records: UPDATE refused'); END;
        CREATE TRIGGER IF NOT EXISTS breach_reviews_no_delete BEFORE DELETE ON breach_reviews
            BEGIN SELECT RAISE(ABORT, 'breach reviews are signed records: DELETE refused'); END;

        -- The notification plan's versions (docs/notifications.md), since version 4: each save a new row, the last in force,
        -- every change also in the audit trail with the old and new text.
        CREATE TABLE IF NOT EXISTS notification_plans (
            sequence INTEGER PRIMARY KEY AUTOINCREMENT,
            version TEXT NOT NULL,
            saved_at TEXT NOT NULL,
            record TEXT NOT NULL
        );
        CREATE TRIGGER IF NOT EXISTS notification_plans_no_update BEFORE UPDATE ON notification_plans
            BEGIN SELECT RAISE(ABORT, 'notification plan versions are kept as saved: UPDATE refused'); END;
        CREATE TRIGGER IF NOT EXISTS notification_plans_no_delete BEFORE DELETE ON notification_plans
            BEGIN SELECT RAISE(ABORT, 'notification plan versions are kept: DELETE refused'); END;

        -- Each route's escalation of each excursion, since version 4: working state (timers that survive a restart),
        -- replaced in place; what it sent is in notification_deliveries.
        CREATE TABLE IF NOT EXISTS escalations (
            excursion_id TEXT NOT NULL,
            route TEXT NOT NULL,
            state TEXT NOT NULL,
            record TEXT NOT NULL,
            PRIMARY KEY (excursion_id, route)
        );
        CREATE INDEX IF NOT EXISTS ix_escalations_state ON escalations (state);

        -- The delivery record, since version 4: one row per notification to one person, saved pending before it is sent
        -- and updated with every attempt; never deleted.
        CREATE TABLE IF NOT EXISTS notification_deliveries (
            id TEXT PRIMARY KEY NOT NULL,
            excursion_id TEXT NOT NULL,
            created_at TEXT NOT NULL,
            status TEXT NOT NULL,
            record TEXT NOT NULL
        );
        CREATE INDEX IF NOT EXISTS ix_notification_deliveries_excursion ON notification_deliveries (excursion_id, created_at);
        CREATE INDEX IF NOT EXISTS ix_notification_deliveries_status ON notification_deliveries (status);
        CREATE INDEX IF NOT EXISTS ix_notification_deliveries_created ON notification_deliveries (created_at);
        CREATE TRIGGER IF NOT EXISTS notification_deliveries_no_delete BEFORE DELETE ON notification_deliveries
            BEGIN SELECT RAISE(ABORT, 'the delivery record is never deleted: DELETE refused'); END;

        -- OQ runs as controlled records (docs/security.md "OQ runs"), since version 5: the kit's report stored verbatim, its
        -- signatures (one per meaning) and its deviations' dispositions (one per deviation), none ever changed or deleted.
        CREATE TABLE IF NOT EXISTS qualification_runs (
            run_id TEXT PRIMARY KEY NOT NULL,
            started_at TEXT NOT NULL,
            uploaded_at TEXT NOT NULL,
            record TEXT NOT NULL,
            report_html TEXT NOT NULL,
            report_csv TEXT NOT NULL
        );
        CREATE INDEX IF NOT EXISTS ix_qualification_runs_started ON qualification_runs (started_at);
        CREATE TRIGGER IF NOT EXISTS qualification_runs_no_update BEFORE UPDATE ON qualification_runs
            BEGIN SELECT RAISE(ABORT, 'OQ runs are stored as uploaded: UPDATE refused'); END;
        CREATE TRIGGER IF NOT EXISTS qualification_runs_no_delete BEFORE DELETE ON qualification_runs
            BEGIN SELECT RAISE(ABORT, 'OQ runs are controlled records: DELETE refused'); END;
        CREATE TABLE IF NOT EXISTS qualification_signatures (
            sequence INTEGER PRIMARY KEY AUTOINCREMENT,
            run_id TEXT NOT NULL,
            meaning TEXT NOT NULL,
            signed_at TEXT NOT NULL,
            record TEXT NOT NULL,
            UNIQUE (run_id, meaning)
        );
        CREATE TRIGGER IF NOT EXISTS qualification_signatures_no_update BEFORE UPDATE ON qualification_signatures
            BEGIN SELECT RAISE(ABORT, 'OQ run signatures are signed records: UPDATE refused'); END;
        CREATE TRIGGER IF NOT EXISTS qualification_signatures_no_delete BEFORE DELETE ON qualification_signatures
            BEGIN SELECT RAISE(ABORT, 'OQ run signatures are signed records: DELETE refused'); END;
        CREATE TABLE IF NOT EXISTS qualification_dispositions (
            sequence INTEGER PRIMARY KEY AUTOINCREMENT,
            run_id TEXT NOT NULL,
            number TEXT NOT NULL,
            signed_at TEXT NOT NULL,
            record TEXT NOT NULL,
            UNIQUE (run_id, number)
        );
        CREATE TRIGGER IF NOT EXISTS qualification_dispositions_no_update BEFORE UPDATE ON qualification_dispositions
            BEGIN SELECT RAISE(ABORT, 'deviation dispositions are signed records: UPDATE refused'); END;
        CREATE TRIGGER IF NOT EXISTS qualification_dispositions_no_delete BEFORE DELETE ON qualification_dispositions
            BEGIN SELECT RAISE(ABORT, 'deviation dispositions are signed records: DELETE refused'); END;

        -- The review, approval and issue of batch reports (docs/reports.md "Review, approval and issue"), since version 6:
        -- signatures once per version and meaning, new-version requests once per version, and the PDF rendered once at
        -- approval, stored as bytes with its SHA-256 (a later print is this file); none ever changed or deleted.
        CREATE TABLE IF NOT EXISTS report_signatures (
            sequence INTEGER PRIMARY KEY AUTOINCREMENT,
            batch TEXT NOT NULL,
            version INTEGER NOT NULL,
            meaning TEXT NOT NULL,
            signed_at TEXT NOT NULL,
            record TEXT NOT NULL,
            UNIQUE (batch, version, meaning)
        );
        CREATE TRIGGER IF NOT EXISTS report_signatures_no_update BEFORE UPDATE ON report_signatures
            BEGIN SELECT RAISE(ABORT, 'report signatures are signed records: UPDATE refused'); END;
        CREATE TRIGGER IF NOT EXISTS report_signatures_no_delete BEFORE DELETE ON report_signatures
            BEGIN SELECT RAISE(ABORT, 'report signatures are signed records: DELETE refused'); END;
        CREATE TABLE IF NOT EXISTS report_reissues (
            sequence INTEGER PRIMARY KEY AUTOINCREMENT,
            batch TEXT NOT NULL,
            version INTEGER NOT NULL,
            signed_at TEXT NOT NULL,
            record TEXT NOT NULL,
            UNIQUE (batch, version)
        );
        CREATE TRIGGER IF NOT EXISTS report_reissues_no_update BEFORE UPDATE ON report_reissues
            BEGIN SELECT RAISE(ABORT, 'new-version requests are signed records: UPDATE refused'); END;
        CREATE TRIGGER IF NOT EXISTS report_reissues_no_delete BEFORE DELETE ON report_reissues
            BEGIN SELECT RAISE(ABORT, 'new-version requests are signed records: DELETE refused'); END;
        CREATE TABLE IF NOT EXISTS report_issues (
            batch TEXT NOT NULL,
            version INTEGER NOT NULL,
            issued_at TEXT NOT NULL,
            sha256 TEXT NOT NULL,
            pdf BLOB NOT NULL,
            record TEXT NOT NULL,
            PRIMARY KEY (batch, version)
        );
        CREATE TRIGGER IF NOT EXISTS report_issues_no_update BEFORE UPDATE ON report_issues
            BEGIN SELECT RAISE(ABORT, 'issued reports are frozen: UPDATE refused'); END;
        CREATE TRIGGER IF NOT EXISTS report_issues_no_delete BEFORE DELETE ON report_issues
            BEGIN SELECT RAISE(ABORT, 'issued reports are controlled records: DELETE refused'); END;

        -- Limit changes under change control (docs/gmp.md "Limit changes under change control"), since version 7: the
        -- proposal as written, its one decision (approved, rejected or withdrawn: UNIQUE (change_id) lets only one win),
        -- and the evidence added for its reviewers; none ever changed or deleted.
        CREATE TABLE IF NOT EXISTS limit_changes (
            id TEXT PRIMARY KEY NOT NULL,
            room TEXT NOT NULL,
            sensor TEXT NULL,
            parameter TEXT NOT NULL,
            reason TEXT NOT NULL,
            effective_at TEXT NOT NULL,
            proposed_by TEXT NOT NULL,
            role TEXT NOT NULL,
            tenant TEXT NULL,
            proposed_at TEXT NOT NULL,
            record TEXT NOT NULL
        );
        CREATE INDEX IF NOT EXISTS ix_limit_changes_room ON limit_changes (room, proposed_at);
        CREATE TRIGGER IF NOT EXISTS limit_changes_no_update BEFORE UPDATE ON limit_changes
            BEGIN SELECT RAISE(ABORT, 'limit change proposals are records: UPDATE refused'); END;
        CREATE TRIGGER IF NOT EXISTS limit_changes_no_delete BEFORE DELETE ON limit_changes
            BEGIN SELECT RAISE(ABORT, 'limit change proposals are records: DELETE refused'); END;
        CREATE TABLE IF NOT EXISTS limit_change_signatures (
            sequence INTEGER PRIMARY KEY AUTOINCREMENT,
            change_id TEXT NOT NULL UNIQUE REFERENCES limit_changes (id),
            user TEXT NOT NULL,
            role TEXT NOT NULL,
            meaning TEXT NOT NULL,
            reason TEXT NULL,
            signed_at TEXT NOT NULL,
            effective_at TEXT NULL,
            record TEXT NOT NULL
        );
        CREATE TRIGGER IF NOT EXISTS limit_change_signatures_no_update BEFORE UPDATE ON limit_change_signatures
            BEGIN SELECT RAISE(ABORT, 'limit change decisions are signed records: UPDATE refused'); END;
        CREATE TRIGGER IF NOT EXISTS limit_change_signatures_no_delete BEFORE DELETE ON limit_change_signatures
            BEGIN SELECT RAISE(ABORT, 'limit change decisions are signed records: DELETE refused'); END;
        CREATE TABLE IF NOT EXISTS limit_change_evidence (
            sequence INTEGER PRIMARY KEY AUTOINCREMENT,
            change_id TEXT NOT NULL REFERENCES limit_changes (id),
            kind TEXT NOT NULL,
            json TEXT NOT NULL,
            added_by TEXT NOT NULL,
            added_at TEXT NOT NULL
        );
        CREATE INDEX IF NOT EXISTS ix_limit_change_evidence_change ON limit_change_evidence (change_id, sequence);
        CREATE TRIGGER IF NOT EXISTS limit_change_evidence_no_update BEFORE UPDATE ON limit_change_evidence
            BEGIN SELECT RAISE(ABORT, 'limit change evidence is append-only: UPDATE refused'); END;
        CREATE TRIGGER IF NOT EXISTS limit_change_evidence_no_delete BEFORE DELETE ON limit_change_evidence
            BEGIN SELECT RAISE(ABORT, 'limit change evidence is append-only: DELETE refused'); END;
        -- QA's signed reviews of a room's trend report (docs/reports.md "Trend report"), since version 7: once per room,
        -- period and figures (their SHA-256 at signing), so figures changed by late data can be reviewed again; never
        -- changed or deleted.
        CREATE TABLE IF NOT EXISTS trend_report_reviews (
            sequence INTEGER PRIMARY KEY AUTOINCREMENT,
            id TEXT NOT NULL UNIQUE,
            room TEXT NOT NULL,
            from_at TEXT NOT NULL,
            to_at TEXT NOT NULL,
            figures_sha256 TEXT NOT NULL,
            reviewer TEXT NOT NULL,
            role TEXT NOT NULL,
            meaning TEXT NOT NULL,
            comment TEXT NULL,
            signed_at TEXT NOT NULL,
            record TEXT NOT NULL,
            UNIQUE (room, from_at, to_at, figures_sha256)
        );
        CREATE TRIGGER IF NOT EXISTS trend_report_reviews_no_update BEFORE UPDATE ON trend_report_reviews
            BEGIN SELECT RAISE(ABORT, 'trend report reviews are signed records: UPDATE refused'); END;
        CREATE TRIGGER IF NOT EXISTS trend_report_reviews_no_delete BEFORE DELETE ON trend_report_reviews
            BEGIN SELECT RAISE(ABORT, 'trend report reviews are signed records: DELETE refused'); END;

        -- The calibration register (docs/instruments.md "Calibration register"), since version 7: each asset version, each
        -- calibration and each move a new row with its audit entry under the sensor's id; none ever changed or deleted.
        CREATE TABLE IF NOT EXISTS instrument_assets (
            sequence INTEGER PRIMARY KEY AUTOINCREMENT,
            sensor TEXT NOT NULL,
            recorded_at TEXT NOT NULL,
            record TEXT NOT NULL
        );
        CREATE INDEX IF NOT EXISTS ix_instrument_assets_sensor ON instrument_assets (sensor, sequence);
        CREATE TRIGGER IF NOT EXISTS instrument_assets_no_update BEFORE UPDATE ON instrument_assets
            BEGIN SELECT RAISE(ABORT, 'instrument asset versions are kept as entered: UPDATE refused'); END;
        CREATE TRIGGER IF NOT EXISTS instrument_assets_no_delete BEFORE DELETE ON instrument_assets
            BEGIN SELECT RAISE(ABORT, 'instrument asset versions are kept: DELETE refused'); END;
        CREATE TABLE IF NOT EXISTS calibrations (
            id TEXT PRIMARY KEY NOT NULL,
            sensor TEXT NOT NULL,
            calibrated_at TEXT NOT NULL,
            record TEXT NOT NULL
        );
        CREATE INDEX IF NOT EXISTS ix_calibrations_sensor ON calibrations (sensor, calibrated_at);
        CREATE TRIGGER IF NOT EXISTS calibrations_no_update BEFORE UPDATE ON calibrations
            BEGIN SELECT RAISE(ABORT, 'calibration records are kept as entered: UPDATE refused'); END;
        CREATE TRIGGER IF NOT EXISTS calibrations_no_delete BEFORE DELETE ON calibrations
            BEGIN SELECT RAISE(ABORT, 'calibration records are never deleted: DELETE refused'); END;
        CREATE TABLE IF NOT EXISTS instrument_relocations (
            id TEXT PRIMARY KEY NOT NULL,
            sensor TEXT NOT NULL,
            moved_at TEXT NOT NULL,
            record TEXT NOT NULL
        );
        CREATE INDEX IF NOT EXISTS ix_instrument_relocations_sensor ON instrument_relocations (sensor, moved_at);
        CREATE TRIGGER IF NOT EXISTS instrument_relocations_no_update BEFORE UPDATE ON instrument_relocations
            BEGIN SELECT RAISE(ABORT, 'instrument moves are kept as entered: UPDATE refused'); END;
        CREATE TRIGGER IF NOT EXISTS instrument_relocations_no_delete BEFORE DELETE ON instrument_relocations
            BEGIN SELECT RAISE(ABORT, 'instrument moves are never deleted: DELETE refused'); END;

        -- The excursion engine's rule counters (docs/reliability.md): a working snapshot, not a GMP record, replaced in
        -- place and not audited; the excursions it leads to are.
        CREATE TABLE IF NOT EXISTS rule_state (
            name TEXT PRIMARY KEY NOT NULL,
            saved_at TEXT NOT NULL,
            record TEXT NOT NULL
        );

        -- AUTOINCREMENT: sqlite_sequence remembers the highest sequence ever used, so entries cut off the end of the
        -- trail leave a gap that VerifyAuditTrailAsync reports (numbers are never handed out twice).
        CREATE TABLE IF NOT EXISTS audit (
            sequence INTEGER PRIMARY KEY AUTOINCREMENT,
            at TEXT NOT NULL,
            user TEXT NOT NULL,
            role TEXT NOT NULL,
            action TEXT NOT NULL,
            entity_type TEXT NOT NULL,
            entity_id TEXT NOT NULL,
            old_value TEXT NULL,
            new_value TEXT NULL,
            reason TEXT NULL,
            previous_hash TEXT NOT NULL,
            hash TEXT NOT NULL
        );
        CREATE INDEX IF NOT EXISTS ix_audit_entity ON audit (entity_id, sequence);
        CREATE INDEX IF NOT EXISTS ix_audit_at ON audit (at);

        -- Nothing is ever deleted (Annex 11 §9, Part 11 §11.10(e)): history tables are append-only, and the current-state
        -- rows of excursions and batches may change (each change is in the audit trail) but never disappear.
        CREATE TRIGGER IF NOT EXISTS audit_no_update BEFORE UPDATE ON audit
            BEGIN SELECT RAISE(ABORT, 'audit entries are append-only: UPDATE refused'); END;
        CREATE TRIGGER IF NOT EXISTS audit_no_delete BEFORE DELETE ON audit
            BEGIN SELECT RAISE(ABORT, 'audit entries are append-only: DELETE refused'); END;
        CREATE TRIGGER IF NOT EXISTS room_states_no_update BEFORE UPDATE ON room_states
            BEGIN SELECT RAISE(ABORT, 'room state changes are append-only: UPDATE refused'); END;
        CREATE TRIGGER IF NOT EXISTS room_states_no_delete BEFORE DELETE ON room_states
            BEGIN SELECT RAISE(ABORT, 'room state changes are append-only: DELETE refused'); END;
        CREATE TRIGGER IF NOT EXISTS limit_versions_no_update BEFORE UPDATE ON limit_versions
            BEGIN SELECT RAISE(ABORT, 'limit versions are append-only: UPDATE refused'); END;
        CREATE TRIGGER IF NOT EXISTS limit_versions_no_delete BEFORE DELETE ON limit_versions
            BEGIN SELECT RAISE(ABORT, 'limit versions are append-only: DELETE refused'); END;
        CREATE TRIGGER IF NOT EXISTS excursions_no_delete BEFORE DELETE ON excursions
            BEGIN SELECT RAISE(ABORT, 'excursions are never deleted: DELETE refused'); END;
        CREATE TRIGGER IF NOT EXISTS batches_no_delete BEFORE DELETE ON batches
            BEGIN SELECT RAISE(ABORT, 'batches are never deleted: DELETE refused'); END;
        CREATE TRIGGER IF NOT EXISTS users_no_delete BEFORE DELETE ON users
            BEGIN SELECT RAISE(ABORT, 'users are disabled, never deleted: DELETE refused'); END;
        CREATE TRIGGER IF NOT EXISTS api_tokens_no_delete BEFORE DELETE ON api_tokens
            BEGIN SELECT RAISE(ABORT, 'tokens are revoked, never deleted: DELETE refused'); END;
        CREATE TRIGGER IF NOT EXISTS room_leases_no_delete BEFORE DELETE ON room_leases
            BEGIN SELECT RAISE(ABORT, 'room leases are ended, never deleted: DELETE refused'); END;
        -- ExcursionStatus.Closed is final (closed by QA with a signature): a backstop under the engine's state machine.
        CREATE TRIGGER IF NOT EXISTS excursions_closed_final BEFORE UPDATE ON excursions WHEN OLD.status = 'Closed'
            BEGIN SELECT RAISE(ABORT, 'a closed excursion is final: UPDATE refused'); END;
        """;
}
