using System.Data.Common;
using CleanroomMonitor.TestSupport;
using CleanroomMonitor.Core.Calibration;
using CleanroomMonitor.Core.Facility;
using CleanroomMonitor.Core.Records;
using CleanroomMonitor.Storage.Records;
using static CleanroomMonitor.Storage.Tests.Records.RecordSamples;

namespace CleanroomMonitor.Storage.Tests.Records;

/// <summary>The calibration register's tables (schema 7): appended with their audit entries, never changed or deleted.</summary>
public abstract class RecordStoreCalibrationTests(RecordStoreFixture fixture) : IDisposable
{
    private protected static readonly CancellationToken None = CancellationToken.None;
    private protected static readonly SensorId Pc1 = new("cr1-pc1");
    private protected readonly RecordStoreFixture _fixture = fixture;

    public void Dispose()
    {
        _fixture.Dispose();
        GC.SuppressFinalize(this);
    }

    private protected static AuditEntry Audited(string action) => new(T0, "eng", "Operator", action, AuditEntity.Sensor, Pc1.Value, null, null, "entered");

    private protected static InstrumentAsset Asset(string location) =>
        new(Pc1, "Lighthouse", "ApexR5", "SN-4711", location, TimeSpan.FromDays(365), T0, "eng", "commissioned");

    private protected static CalibrationRecord Calibration(CalibrationResult result) =>
        new(Guid.NewGuid(), Pc1, T0.AddDays(-2), "CERT-1", result, "Metrology Ltd", "eng", T0, null, null);

    private protected async Task<RecordStore> RegisteredAsync()
    {
        var sut = await _fixture.OpenAsync();
        await sut.SaveInstrumentAssetAsync(Asset("bench"), Audited(AuditAction.InstrumentAssetChanged), None);
        await sut.SaveInstrumentAssetAsync(Asset("filling line"), Audited(AuditAction.InstrumentAssetChanged), None);
        await sut.SaveCalibrationAsync(Calibration(CalibrationResult.Pass), Audited(AuditAction.InstrumentCalibrated), None);
        await sut.SaveRelocationAsync(new InstrumentRelocation(Guid.NewGuid(), Pc1, new RoomId("cr1"), "filling line", new RoomId("cr1"), "RABS door", T0.AddHours(1),
            "eng", "back after service"), Audited(AuditAction.InstrumentRelocated), None);
        return sut;
    }

    [Fact]
    public async Task Save_AssetTwiceCalibrationMove_HistoryKeptAndEachAuditedOldToNew()
    {
        var sut = await RegisteredAsync();

        var history = Assert.Single(await sut.InstrumentsAsync(None));
        Assert.Equal(["bench", "filling line"], history.Assets.Select(a => a.Location));
        Assert.Equal("RABS door", history.Location);
        Assert.Equal(CalibrationResult.Pass, Assert.Single(history.Calibrations).Result);
        var audit = await sut.AuditTrailAsync(Pc1.Value, null, null, None);
        Assert.Equal([AuditAction.InstrumentAssetChanged, AuditAction.InstrumentAssetChanged, AuditAction.InstrumentCalibrated, AuditAction.InstrumentRelocated],
            audit.Select(a => a.Entry.Action));
        Assert.Null(audit[0].Entry.OldValue);
        Assert.Contains("bench", audit[1].Entry.OldValue, StringComparison.Ordinal);
        Assert.Contains("filling line", audit[1].Entry.NewValue, StringComparison.Ordinal);
        Assert.True((await sut.VerifyAuditTrailAsync(None)).IsIntact);
    }

    [Theory]
    [InlineData("UPDATE instrument_assets SET record = '{}'")]
    [InlineData("DELETE FROM instrument_assets")]
    [InlineData("UPDATE calibrations SET record = '{}'")]
    [InlineData("DELETE FROM calibrations")]
    [InlineData("UPDATE instrument_relocations SET record = '{}'")]
    [InlineData("DELETE FROM instrument_relocations")]
    public async Task RawChange_AnyRegisterTable_RefusedByTrigger(string sql)
    {
        var sut = await RegisteredAsync();

        var error = Assert.ThrowsAny<DbException>(() => _fixture.ExecuteRaw(sql));

        Assert.Contains("refused", error.Message, StringComparison.Ordinal);
        var history = Assert.Single(await sut.InstrumentsAsync(None));
        Assert.Equal((2, 1, 1), (history.Assets.Count, history.Calibrations.Count, history.Relocations.Count));
    }

    [Fact]
    public async Task SaveCalibration_AuditFiledUnderAnotherSensor_RefusedAndNothingStored()
    {
        var sut = await _fixture.OpenAsync();

        await Assert.ThrowsAsync<ArgumentException>(() =>
            sut.SaveCalibrationAsync(Calibration(CalibrationResult.Fail), Audited(AuditAction.InstrumentCalibrated) with { EntityId = "other" }, None));

        Assert.Empty(await sut.InstrumentsAsync(None));
        Assert.Empty(await sut.AuditTrailAsync(null, null, null, None));
    }

    [Theory]
    [InlineData("instrument_assets", "instrument asset version")]
    [InlineData("calibrations", "calibration")]
    [InlineData("instrument_relocations", "instrument move")]
    public async Task VerifyAsync_RegisterRowFiledUnderAnotherSensor_BrokenNamingTableAndBothSensors(string table, string what)
    {
        var sut = await RegisteredAsync();
        sut.Dispose();

        var intact = await _fixture.VerifyStoreAsync();
        Assert.True(intact.IsIntact, intact.Detail);
        Assert.Contains("4 calibration register row(s) filed under their record's sensor", intact.Detail, StringComparison.Ordinal);

        // Someone with file access drops the trigger and files the row under another instrument.
        _fixture.ExecuteRaw($"DROP TRIGGER {table}_no_update; UPDATE {table} SET sensor = 'cr1-pc2';");

        var broken = await _fixture.VerifyStoreAsync();
        Assert.False(broken.IsIntact);
        Assert.Contains($"{what} ", broken.Detail, StringComparison.Ordinal);
        Assert.Contains($"in {table}: filed under sensor cr1-pc2, but its record names sensor cr1-pc1", broken.Detail, StringComparison.Ordinal);
    }
}

/// <summary>SQLite only, besides the shared tests: the upgrade of files written by older releases (PostgreSQL stores start at the current schema version).</summary>
public sealed class RecordStoreCalibrationTests_Sqlite() : RecordStoreCalibrationTests(new RecordStoreFixture())
{
    [Fact]
    public async Task InitializeAsync_Version6File_UpgradesAddingTheRegisterTablesWithoutATamperAlarm()
    {
        (await _fixture.OpenAsync()).Dispose();
        _fixture.ExecuteRaw(
            "DROP TRIGGER instrument_assets_no_update; DROP TRIGGER instrument_assets_no_delete; DROP TRIGGER calibrations_no_update; " +
            "DROP TRIGGER calibrations_no_delete; DROP TRIGGER instrument_relocations_no_update; DROP TRIGGER instrument_relocations_no_delete; " +
            "DROP TABLE instrument_assets; DROP TABLE calibrations; DROP TABLE instrument_relocations; PRAGMA user_version = 6;");

        var sut = await _fixture.OpenAsync();

        Assert.Equal((long)RecordSchema.Version, _fixture.SchemaVersion());
        Assert.Equal((long)RecordSchema.Triggers.Count, _fixture.TriggerCount());
        Assert.False(_fixture.Logger.Has(3505));
        Assert.Contains(_fixture.Logger.Entries(), e => e.Id.Id == 3506 && e.Message.Contains("calibrations", StringComparison.Ordinal));
        await sut.SaveCalibrationAsync(Calibration(CalibrationResult.Pass), Audited(AuditAction.InstrumentCalibrated), None);
        Assert.Single(await sut.InstrumentsAsync(None));
    }
}

public sealed class RecordStoreCalibrationTests_Postgres(PostgresServerFixture postgres)
    : RecordStoreCalibrationTests(RecordStoreFixture.OnPostgres(postgres.Server)), IClassFixture<PostgresServerFixture>;
