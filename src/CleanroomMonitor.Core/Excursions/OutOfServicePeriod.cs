using CleanroomMonitor.Core.Facility;

namespace CleanroomMonitor.Core.Excursions;

/// <summary>A sensor, or one parameter of it, taken out of service for maintenance or calibration (ISA-18.2 "out of
/// service"): from <see cref="From"/> until it is returned, by a person or automatically at <see cref="ExpectedEnd"/>.
/// Unlike shelving, which mutes one excursion already raised, this stops judging the sensor: its readings are still
/// stored (flagged) but raise nothing, and its silence is not a data gap.</summary>
/// <param name="Parameter">The one parameter taken out of service; null for the whole sensor.</param>
/// <param name="ExpectedEnd">When the engineer expects it back; reaching it returns the sensor to service by itself.</param>
/// <param name="Reason">Why (maintenance, calibration, work order): mandatory, it goes into the audit trail.</param>
public sealed record OutOfServicePeriod(
    Guid Id,
    SensorId Sensor,
    RoomId Room,
    Parameter? Parameter,
    DateTimeOffset From,
    DateTimeOffset ExpectedEnd,
    string Reason,
    string By)
{
    /// <summary>When it was returned to service; null while out of service.</summary>
    public DateTimeOffset? ReturnedAt { get; init; }

    /// <summary>Who returned it ("system" when the expected end was reached).</summary>
    public string? ReturnedBy { get; init; }

    public string? ReturnReason { get; init; }

    public bool IsOpen => ReturnedAt is null;

    /// <summary>The end of the period: its return, or the expected end while it is still open.</summary>
    public DateTimeOffset End => ReturnedAt ?? ExpectedEnd;

    /// <summary>Whether a reading of <paramref name="parameter"/> (null: the sensor as a whole) at <paramref name="at"/>
    /// falls in this period. A whole-sensor period covers every parameter; a parameter period covers only its own.</summary>
    public bool Covers(SensorId sensor, Parameter? parameter, DateTimeOffset at) =>
        Sensor == sensor && (Parameter is null || Parameter == parameter) && From <= at && (ReturnedAt is not { } returned || at < returned);

    public bool Overlaps(DateTimeOffset from, DateTimeOffset to) => From <= to && End >= from;
}
