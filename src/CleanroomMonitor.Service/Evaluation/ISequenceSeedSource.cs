using CleanroomMonitor.Core.Facility;

namespace CleanroomMonitor.Service.Evaluation;

/// <summary>Where the excursion engine gets the last stored sequence number of each sensor after a restart.</summary>
public interface ISequenceSeedSource
{
    /// <summary>The seeds, or none when they cannot be had; never throws for an unavailable store.</summary>
    Task<IReadOnlyList<(SensorId Sensor, long Sequence, DateTimeOffset At)>> LoadAsync(CancellationToken cancellationToken);
}
