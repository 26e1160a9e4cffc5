using CleanroomMonitor.Core.Calibration;
using CleanroomMonitor.Core.Configuration;
using CleanroomMonitor.Core.Facility;
using CleanroomMonitor.Core.Records;
using CleanroomMonitor.Core.Security;
using CleanroomMonitor.Service.Calibration;
using CleanroomMonitor.Service.LimitChanges;
using CleanroomMonitor.Service.Recording;
using CleanroomMonitor.Service.Tests.Doubles;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;

namespace CleanroomMonitor.Service.Tests.Calibration;

/// <summary>The facility file's asset data becomes the register's initial entry of a sensor without one, attributed as
/// the limits' baseline is, and never overwrites an entry made in the application.</summary>
public sealed class RegisterBaselineTests
{
    private static readonly DateTimeOffset Now = new(2026, 6, 1, 8, 0, 0, TimeSpan.Zero);
    private static readonly CancellationToken None = CancellationToken.None;

    private static FacilityDefinition Facility(string lastCalibrationDate = "2026-03-01") => FacilityReader.Parse($$"""
        {
          "site": { "id": "s1", "name": "Site", "timeZone": "UTC" },
          "rooms": [ { "id": "cr1", "name": "Suite 1", "grade": "C" } ],
          "sensors": [
            { "id": "pc1", "room": "cr1", "location": "Bench", "parameters": ["particles_0_5um"],
              "asset": { "make": "Lighthouse", "model": "REMOTE 5104P", "serial": "LH-1", "calibrationIntervalDays": 180,
                         "lastCalibration": { "date": "{{lastCalibrationDate}}", "certificate": "CAL-7", "result": "pass", "by": "Lighthouse service" } } },
            { "id": "th1", "room": "cr1", "parameters": ["temperature"], "asset": { "make": "Vaisala", "model": "HMW90", "serial": "VA-1" } },
            { "id": "th2", "room": "cr1", "parameters": ["temperature"] }
          ]
        }
        """, "facility.json");

    private readonly FakeRegister _records = new();
    private readonly InMemoryUserStore _users = new();

    private RegisterBaseline Sut(FacilityDefinition facility, string? changedBy = null) =>
        new(_records, facility, Options.Create(new FacilityFileChangeOptions { ChangedBy = changedBy }), Options.Create(new CalibrationOptions()),
            new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?> { ["Facility:File"] = "/etc/cleanroom/facility.json" }).Build(),
            new AuditRoles(_users), new FakeTimeProvider(Now), NullLogger<RegisterBaseline>.Instance);

    [Fact]
    public async Task SeedAsync_EmptyRegisterNoAuthor_AssetsAndLastCalibrationAsTheServiceAccountFromTheFile()
    {
        await Sut(Facility()).SeedAsync(None);

        Assert.Equal(["pc1", "th1"], _records.Assets.Select(a => a.Sensor.Value));
        var pc1 = _records.Assets[0];
        Assert.Equal(("Lighthouse", "REMOTE 5104P", "LH-1", "Bench", TimeSpan.FromDays(180), "system"),
            (pc1.Make, pc1.Model, pc1.SerialNumber, pc1.Location, pc1.CalibrationInterval, pc1.RecordedBy));
        Assert.StartsWith("from the facility file (version ", pc1.Reason, StringComparison.Ordinal);
        Assert.Equal(new CalibrationOptions().DefaultInterval, _records.Assets[1].CalibrationInterval);
        var calibration = Assert.Single(_records.Calibrations);
        Assert.Equal((new DateTimeOffset(2026, 3, 1, 0, 0, 0, TimeSpan.Zero), "CAL-7", CalibrationResult.Pass, "Lighthouse service", "system"),
            (calibration.CalibratedAt, calibration.CertificateReference, calibration.Result, calibration.PerformedBy, calibration.EnteredBy));
        Assert.All(_records.Audits, a => Assert.Equal(("system", "system"), (a.User, a.Role)));
    }

    [Fact]
    public async Task SeedAsync_ChangedByGiven_AttributedToThatPersonWithTheirRole()
    {
        _users.Users.Add(InMemoryUserStore.Person("qa.lead", [Role.QA]));

        await Sut(Facility(), "qa.lead").SeedAsync(None);

        Assert.All(_records.Assets, a => Assert.Equal("qa.lead", a.RecordedBy));
        Assert.All(_records.Audits, a => Assert.Equal(("qa.lead", "QA"), (a.User, a.Role)));
        Assert.Contains("changed by qa.lead", _records.Assets[0].Reason, StringComparison.Ordinal);
    }

    [Fact]
    public async Task SeedAsync_SensorWithAnApplicationEntry_LeftAloneOthersSeededOnce()
    {
        var entered = new InstrumentAsset(new SensorId("pc1"), "Lighthouse", "REMOTE 5104P", "LH-2", "Cabinet", TimeSpan.FromDays(365), Now.AddDays(-3), "eng", "replaced");
        await _records.SaveInstrumentAssetAsync(entered, Audit(), None);

        await Sut(Facility()).SeedAsync(None);
        await Sut(Facility()).SeedAsync(None);   // a restart: nothing more

        Assert.Equal([("pc1", "LH-2"), ("th1", "VA-1")], _records.Assets.Select(a => (a.Sensor.Value, a.SerialNumber)));
        Assert.Empty(_records.Calibrations);
    }

    [Fact]
    public async Task SeedAsync_CertificateDatedInTheFuture_StartStopsNamingFilePathAndDateNothingStored()
    {
        var error = Assert.Single((await Assert.ThrowsAsync<ConfigurationException>(() => Sut(Facility("2026-07-01")).SeedAsync(None))).Errors);

        Assert.Equal(("/etc/cleanroom/facility.json", "$.sensors[0].asset.lastCalibration.date", "2026-07-01T00:00:00.0000000+00:00"), (error.File, error.Path, error.Value));
        Assert.Empty(_records.Assets);
    }

    private static AuditEntry Audit() => new(Now, "eng", "Operator", AuditAction.InstrumentAssetChanged, AuditEntity.Sensor, "pc1", null, null, "replaced");

    private sealed class FakeRegister : ICalibrationRecords
    {
        public List<InstrumentAsset> Assets { get; } = [];

        public List<CalibrationRecord> Calibrations { get; } = [];

        public List<AuditEntry> Audits { get; } = [];

        public Task<IReadOnlyList<InstrumentHistory>> InstrumentsAsync(CancellationToken cancellationToken) =>
            Task.FromResult<IReadOnlyList<InstrumentHistory>>(Assets.Select(a => a.Sensor).Concat(Calibrations.Select(c => c.Sensor)).Distinct()
                .Select(s => new InstrumentHistory(s, [.. Assets.Where(a => a.Sensor == s)], [.. Calibrations.Where(c => c.Sensor == s)], [])).ToList());

        public Task SaveInstrumentAssetAsync(InstrumentAsset asset, AuditEntry audit, CancellationToken cancellationToken)
        {
            Assets.Add(asset);
            Audits.Add(audit);
            return Task.CompletedTask;
        }

        public Task SaveCalibrationAsync(CalibrationRecord calibration, AuditEntry audit, CancellationToken cancellationToken)
        {
            Calibrations.Add(calibration);
            Audits.Add(audit);
            return Task.CompletedTask;
        }

        public Task SaveRelocationAsync(InstrumentRelocation relocation, AuditEntry audit, CancellationToken cancellationToken) => Task.CompletedTask;
    }
}
