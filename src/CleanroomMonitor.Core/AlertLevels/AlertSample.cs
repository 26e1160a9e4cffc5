namespace CleanroomMonitor.Core.AlertLevels;

/// <summary>One valid stored reading offered to an alert-level proposal: its own time (which decides the room state it
/// was taken in), its value in the parameter's unit, and for particle channels the raw count and the litres sampled.</summary>
public sealed record AlertSample(DateTimeOffset At, double Value, long? Count = null, double? VolumeLitres = null);
