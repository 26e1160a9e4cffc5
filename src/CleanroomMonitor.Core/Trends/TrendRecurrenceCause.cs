namespace CleanroomMonitor.Core.Trends;

/// <summary>What a recurrence followed (Annex 1 9.11 names "after maintenance"; a calibration is the other intervention
/// on an instrument that can leave it reading wrong or placed wrong).</summary>
public enum TrendRecurrenceCause
{
    /// <summary>A return from out of service that no calibration record names: maintenance, repair, cleaning.</summary>
    Maintenance,

    /// <summary>A calibration of the sensor in the register, or a return from the out-of-service period a calibration was taken out for.</summary>
    Calibration,
}
