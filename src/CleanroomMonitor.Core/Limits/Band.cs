namespace CleanroomMonitor.Core.Limits;

/// <summary>A lower and/or upper bound; a value outside it breaches the level the band belongs to. Bounds are
/// inclusive limits: a value equal to the limit breaches it (Annex 1 limits are "maximum permitted").</summary>
public readonly record struct Band(double? Low, double? High)
{
    public static Band None => default;

    public bool IsSet => Low is not null || High is not null;

    public bool Breaches(double value) => value >= High || value <= Low;

    /// <summary>Back inside with the deadband's margin: for the return to normal, so a value hovering on the limit
    /// does not raise and clear an excursion at every sample.</summary>
    public bool ClearOf(double value, double deadband) =>
        (High is not { } high || value < high - deadband) && (Low is not { } low || value > low + deadband);

    public Band Override(Band other) => new(other.Low ?? Low, other.High ?? High);
}
