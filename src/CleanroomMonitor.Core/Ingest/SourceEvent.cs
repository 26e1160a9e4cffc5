using CleanroomMonitor.Core.Facility;

namespace CleanroomMonitor.Core.Ingest;

/// <summary>A change in a source's ability to read some sensors (a Modbus device lost or back). The excursion
/// engine turns a loss into a communication-loss excursion for each sensor and closes it on restoration.
/// <see cref="Since"/> is set for a <see cref="SourceEventKind.DataGap"/>: when the last message before the gap arrived.
/// <see cref="Parameter"/> is set for a <see cref="SourceEventKind.DataConflict"/>: the parameter whose value conflicted.</summary>
public sealed record SourceEvent(SourceEventKind Kind, IReadOnlyList<SensorId> Sensors, string Origin, string Detail, DateTimeOffset At,
    DateTimeOffset? Since = null, Parameter? Parameter = null);
