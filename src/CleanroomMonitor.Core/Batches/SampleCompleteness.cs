namespace CleanroomMonitor.Core.Batches;

/// <summary>How much of what a sensor should have sent over a window arrived, as a share that cannot exceed 100 %.</summary>
/// <remarks>Expected is the number of whole intervals in the window, ⌊window ÷ interval⌋. A sensor on schedule sends one
/// sample per interval wherever its phase falls, so the half-open window holds either that many samples or one more: the
/// sample in the partial interval at the window's end, or at its start when the first sample falls on it. Counting that
/// sample as received made a short, perfectly delivered batch read "104.5 %" (23 of 22 for a 10 s sensor over 225 s).
/// So received counts towards completeness only up to expected; anything beyond that one edge sample is a
/// <see cref="Surplus"/>, which only a sensor sending faster than its configured interval (or a second source for it) can
/// produce, and which the report names instead of hiding in the ratio.</remarks>
/// <param name="Expected">Whole intervals in the window.</param>
/// <param name="Received">Samples stored for the sensor in the window (the smallest count among its parameters).</param>
/// <param name="Ratio">min(received, expected) ÷ expected, from 0 to 1; 1 when the window is shorter than one interval.</param>
/// <param name="Surplus">Samples beyond expected + 1 (the edge sample): more than the configured interval allows.</param>
public sealed record SampleCompleteness(long Expected, long Received, double Ratio, long Surplus)
{
    /// <summary>The completeness of <paramref name="received"/> samples over <paramref name="window"/> for a sensor that
    /// samples every <paramref name="interval"/>.</summary>
    /// <exception cref="ArgumentOutOfRangeException">A negative window or count, or an interval that is not positive.</exception>
    public static SampleCompleteness Measure(TimeSpan window, TimeSpan interval, long received)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(window, TimeSpan.Zero);
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(interval, TimeSpan.Zero);
        ArgumentOutOfRangeException.ThrowIfNegative(received);
        var expected = window.Ticks / interval.Ticks;
        var ratio = expected == 0 ? 1 : (double)Math.Min(received, expected) / expected;
        return new SampleCompleteness(expected, received, ratio, Math.Max(0, received - expected - 1));
    }
}
