using CleanroomMonitor.Core.Facility;

namespace CleanroomMonitor.Core.Ingest;

/// <summary>One decoded channel of a sample: a measured value, or for particle channels a raw count per sample.</summary>
public readonly record struct SampleValue(Parameter Parameter, double Value, bool IsCount);
