using System.Diagnostics.Metrics;
using CleanroomMonitor.Core.Facility;
using CleanroomMonitor.Core.Ingest;
using CleanroomMonitor.Core.Readings;
using CleanroomMonitor.Service.Evaluation;
using CleanroomMonitor.Service.Observability;
using CleanroomMonitor.Service.Recording;
using CleanroomMonitor.Service.Tests.Doubles;
using Microsoft.Extensions.DependencyInjection;
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

    private EngineStage()
    {
        Records = new InMemoryRecordStore();
        Notifier = new RecordingNotifier(Records);
        var facility = FacilityReader.Parse(FacilityJson, "facility.json");
        View = new EngineView(facility);
        var recorder = new Recorder(facility, Records, [Notifier], Time, new AlertLatency(_metrics.GetRequiredService<IMeterFactory>(), Time),
            NullLogger<Recorder>.Instance);
        Engine = new ExcursionEngine(facility, Channels, Records, recorder, Seeds, Time, NullLogger<ExcursionEngine>.Instance, View);
    }

    public FakeTimeProvider Time { get; } = new(T0);

    public PipelineChannels Channels { get; } = new();

    public InMemoryRecordStore Records { get; }

    public RecordingNotifier Notifier { get; }

    public GatedSeedSource Seeds { get; } = new();

    public EngineView View { get; }

    public ExcursionEngine Engine { get; }

    public static async Task<EngineStage> StartAsync()
    {
        var stage = new EngineStage();
        await stage.Engine.StartAsync(CancellationToken.None);
        await stage.Engine.Ready.WaitAsync(TimeSpan.FromSeconds(20));
        return stage;
    }

    public static Reading Temperature(double value, TimeSpan at, long? sequence = null) =>
        new Reading(new SensorId("th1"), new RoomId("cr1"), Parameter.Temperature, value, T0 + at, TimeSource.Device, T0 + at) with { Sequence = sequence };

    public ValueTask SendAsync(Reading reading) => Channels.Judging.Writer.WriteAsync(JudgeInput.Of(reading));

    public async ValueTask DisposeAsync()
    {
        await Engine.StopAsync(CancellationToken.None);
        Engine.Dispose();
        await _metrics.DisposeAsync();
    }
}
