using CleanroomMonitor.Core.Calibration;
using CleanroomMonitor.Core.Facility;
using CleanroomMonitor.Core.Records;

namespace CleanroomMonitor.Storage.Records;

/// <summary>The calibration register (docs/instruments.md "Calibration register"), since schema 7: asset versions,
/// calibrations and moves, each a new row written with its audit entry under the sensor's id in one transaction; triggers
/// refuse any change or deletion.</summary>
public sealed partial class RecordStore : ICalibrationRecords
{
    public async Task<IReadOnlyList<InstrumentHistory>> InstrumentsAsync(CancellationToken cancellationToken)
    {
        var assets = await ReadRecordsAsync<InstrumentAsset>("SELECT record FROM instrument_assets ORDER BY sequence", _ => { }, cancellationToken);
        var calibrations = await ReadRecordsAsync<CalibrationRecord>("SELECT record FROM calibrations ORDER BY calibrated_at, rowid", _ => { }, cancellationToken);
        var moves = await ReadRecordsAsync<InstrumentRelocation>("SELECT record FROM instrument_relocations ORDER BY moved_at, rowid", _ => { }, cancellationToken);
        return assets.Select(a => a.Sensor).Concat(calibrations.Select(c => c.Sensor)).Concat(moves.Select(m => m.Sensor))
            .Distinct().OrderBy(s => s.Value, StringComparer.Ordinal)
            .Select(sensor => new InstrumentHistory(sensor, [.. assets.Where(a => a.Sensor == sensor)], [.. calibrations.Where(c => c.Sensor == sensor)],
                [.. moves.Where(m => m.Sensor == sensor)]))
            .ToList();
    }

    public Task SaveInstrumentAssetAsync(InstrumentAsset asset, AuditEntry audit, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(asset);
        return AppendRegisterAsync("instrument_assets", "INSERT INTO instrument_assets (sensor, recorded_at, record) VALUES (@sensor, @at, @record)",
            asset.Sensor, null, asset.RecordedAt, RecordJson.Serialize(asset), audit, cancellationToken);
    }

    public Task SaveCalibrationAsync(CalibrationRecord calibration, AuditEntry audit, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(calibration);
        return AppendRegisterAsync("calibrations", "INSERT INTO calibrations (id, sensor, calibrated_at, record) VALUES (@id, @sensor, @at, @record)",
            calibration.Sensor, calibration.Id, calibration.CalibratedAt, RecordJson.Serialize(calibration), audit, cancellationToken);
    }

    public Task SaveRelocationAsync(InstrumentRelocation relocation, AuditEntry audit, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(relocation);
        return AppendRegisterAsync("instrument_relocations", "INSERT INTO instrument_relocations (id, sensor, moved_at, record) VALUES (@id, @sensor, @at, @record)",
            relocation.Sensor, relocation.Id, relocation.MovedAt, RecordJson.Serialize(relocation), audit, cancellationToken);
    }

    /// <summary>The audit entry's old value is the instrument's previous row of the same table, so the trail shows old → new.</summary>
    private Task AppendRegisterAsync(string table, string insert, SensorId sensor, Guid? id, DateTimeOffset at, string json, AuditEntry audit,
        CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(audit);
        return WriteAsync(async (connection, transaction) =>
        {
            // table is one of this file's three constants, never input.
            var old = await ScalarTextAsync(connection, transaction, $"SELECT record FROM {table} WHERE sensor = @key ORDER BY rowid DESC LIMIT 1",
                sensor.Value, cancellationToken);
            await using var command = connection.Command(insert, transaction)
                .With("@id", id?.ToString("D")).With("@sensor", sensor.Value).With("@at", RecordTime.ToText(at)).With("@record", json);
            await command.ExecuteNonQueryAsync(cancellationToken);
            await AuditTrail.AppendAsync(connection, transaction, ForEntity(audit, AuditEntity.Sensor, sensor.Value, old, json), cancellationToken);
        }, cancellationToken);
    }
}
