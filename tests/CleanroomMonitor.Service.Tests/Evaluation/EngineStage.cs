using Microsoft.Extensions.Logging.Testing;
using System.Diagnostics.Metrics;
using CleanroomMonitor.Core.Facility;
using CleanroomMonitor.Core.Ingest;
using CleanroomMonitor.Core.Readings;
using CleanroomMonitor.Service.Evaluation;
using CleanroomMonitor.Service.Observability;
using CleanroomMonitor.Service.Recording;
using CleanroomMonitor.Service.Tests.Doubles;
using Microsoft.Extensions.DependencyInjection;
using CleanroomMonitor.TestSupport;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;

namespace CleanroomMonitor.Service.Tests.Evaluation;

/// <summary>The excursion engine as a stage, in memory: its input channels, an in-memory record store, a recording
/// notifier, seeds the test releases, and a clock that moves only when the test moves it.</summary>
internal sealed class EngineStage : IAsyncDisposable
{
    public static readonly DateTimeOffset T0 = new(2026, 12, 6, 9, 0, 0, TimeSpan.Zero);

    internal const string FacilityJson = """
        {
          "site": { "id": "unit", "name": "Engine stage", "timeZone": "UTC" },
          "rooms": [
            { "id": "cr1", "name": "Suite 1", "grade": "B",
              "limits": { "temperature": { "alert": { "low": 18, "high": 23 }, "action": { "low": 16, "high": 25 } } } }
          ],
          "sensors": [ { "id": "th1", "room": "cr1", "parameters": ["temperature"] } ]
        }
        """;

    private readonly ServiceProvider _metrics = new ServiceCollection().AddMetrics().BuildServiceProvider();

    private EngineStage(InMemoryRecordStore? records, FakeTimeProvider? time)
    {
        Records = records ?? new InMemoryRecordStore();
        Time = time ?? new FakeTimeProvider(T0);
        Notifier = new RecordingNotifier(Records);
        var facility = FacilityReader.Parse(FacilityJson, "facility.json");
        View = new EngineView(facility);
        var roles = new AuditRoles(Users);
        var recorder = new Recorder(facility, Records, roles, [Notifier], Time, new AlertLatency(_metrics.GetRequiredService<IMeterFactory>(), Time),
            NullLogger<Recorder>.Instance);
        Engine = new ExcursionEngine(facility, Channels, Records, recorder, roles, Seeds, Time, Log, View, Microsoft.Extensions.Options.Options.Create(new IngestOptions()));
    }

    public FakeTimeProvider Time { get; }

    public FakeLogger<ExcursionEngine> Log { get; } = new();

    public PipelineChannels Channels { get; } = new();

    public InMemoryRecordStore Records { get; }

    /// <summary>The accounts and tokens audit entries read their actor's role from.</summary>
    public InMemoryUserStore Users { get; } = new();

    public RecordingNotifier Notifier { get; }

    public GatedSeedSource Seeds { get; } = new();

    public EngineView View { get; }

    public ExcursionEngine Engine { get; }

    /// <summary>A running engine; given the store and clock of an engine stopped before, it is that engine restarted.</summary>
    public static async Task<EngineStage> StartAsync(InMemoryRecordStore? records = null, FakeTimeProvider? time = null)
    {
        var stage = new EngineStage(records, time);
        await stage.Engine.StartAsync(CancellationToken.None);
        await stage.Engine.Ready.WaitAsync(TimeSpan.FromSeconds(20));
        return stage;
    }

    public static Reading Temperature(double value, TimeSpan at, long? sequence = null) =>
        new Reading(new SensorId("th1"), new RoomId("cr1"), Parameter.Temperature, value, T0 + at, TimeSource.Device, T0 + at) with { Sequence = sequence };

    public ValueTask SendAsync(Reading reading) => Channels.Judging.Writer.WriteAsync(JudgeInput.Of(reading));

    /// <summary>Sends the reading and returns once the engine has judged, recorded and told everything sent so far.</summary>
    public async Task JudgeAsync(Reading reading)
    {
        await SendAsync(reading);
        await Engine.JudgedAsync(CancellationToken.None);
    }

    public async ValueTask DisposeAsync()
    {
        await Engine.StopAsync(CancellationToken.None);
        Engine.Dispose();
        await _metrics.DisposeAsync();
    }
}
