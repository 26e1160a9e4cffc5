namespace CleanroomMonitor.Core.Calibration;

/// <summary>Where an instrument stands in its calibration life at a moment.</summary>
public enum CalibrationState
{
    /// <summary>In the register, but no calibration recorded yet: nothing to count a due date from.</summary>
    NeverCalibrated,

    /// <summary>Calibrated, and the due date is further away than the warning window.</summary>
    Current,

    /// <summary>Within the warning window before its due date.</summary>
    DueSoon,

    /// <summary>Past its due date without a passing calibration: its data is flagged.</summary>
    Overdue,

    /// <summary>Its last calibration found it out of tolerance: unfit until a passing one; its data is flagged.</summary>
    Failed,
}
