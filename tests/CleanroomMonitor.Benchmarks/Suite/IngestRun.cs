namespace CleanroomMonitor.Benchmarks.Suite;

/// <summary>One sustained-ingest run at an offered rate: what was published, stored and spent.</summary>
/// <param name="CatchUp">From the last publish until the service had accepted everything: near zero when it kept up.</param>
/// <param name="MaxLag">The most readings published but not yet in the durable buffer, sampled each second.</param>
/// <param name="HeapGenerations">The managed heap by generation at the end, as the service reports it.</param>
internal sealed record IngestRun(
    double OfferedRate,
    long Published,
    TimeSpan PublishTime,
    long Stored,
    TimeSpan CatchUp,
    long MaxLag,
    TimeSpan ServiceCpu,
    long ReadyRssBytes,
    long PeakRssBytes,
    long PeakHeapBytes,
    string HeapGenerations)
{
    /// <summary>Readings per second the publishers actually achieved.</summary>
    public double AchievedRate => Published / PublishTime.TotalSeconds;

    public double CpuMicrosecondsPerReading => ServiceCpu.TotalMicroseconds / Published;

    /// <summary>Held: every reading stored, the publishers reached 98 % of the offered rate, and the service was
    /// never more than two seconds of readings behind them.</summary>
    public bool Held => Stored == Published && AchievedRate >= 0.98 * OfferedRate && MaxLag <= 2 * OfferedRate && CatchUp < TimeSpan.FromSeconds(2);
}
