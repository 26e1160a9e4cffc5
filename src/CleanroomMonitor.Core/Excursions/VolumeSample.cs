namespace CleanroomMonitor.Core.Excursions;

/// <summary>One particle sample in a cumulative-volume window: the raw count and the litres the counter sampled.</summary>
public sealed record VolumeSample(long Count, double Litres);
