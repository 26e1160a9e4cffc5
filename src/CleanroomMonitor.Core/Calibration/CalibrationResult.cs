namespace CleanroomMonitor.Core.Calibration;

/// <summary>What a calibration certificate concluded.</summary>
public enum CalibrationResult
{
    /// <summary>Found within tolerance, left as found.</summary>
    Pass,

    /// <summary>Found within tolerance (or brought into it) and adjusted: fit for use from the calibration on.</summary>
    Adjusted,

    /// <summary>Out of tolerance: unfit for use until a later passing calibration; data measured before it needs assessment.</summary>
    Fail,
}
