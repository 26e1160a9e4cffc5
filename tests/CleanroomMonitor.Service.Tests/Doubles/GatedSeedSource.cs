using CleanroomMonitor.Core.Facility;
using CleanroomMonitor.Service.Evaluation;

namespace CleanroomMonitor.Service.Tests.Doubles;

/// <summary>Sequence seeds that arrive when the test says (InfluxDB slow or down at start-up).</summary>
internal sealed class GatedSeedSource : ISequenceSeedSource
{
    private readonly TaskCompletionSource<IReadOnlyList<(SensorId Sensor, long Sequence, DateTimeOffset At)>> _seeds =
        new(TaskCreationOptions.RunContinuationsAsynchronously);

    public Task<IReadOnlyList<(SensorId Sensor, long Sequence, DateTimeOffset At)>> LoadAsync(CancellationToken cancellationToken) =>
        _seeds.Task.WaitAsync(cancellationToken);

    public void Arrive(params (SensorId Sensor, long Sequence, DateTimeOffset At)[] seeds) => _seeds.TrySetResult(seeds);
}
