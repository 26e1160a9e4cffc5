using CleanroomMonitor.Core.Calibration;

namespace CleanroomMonitor.Service.Pages.Instruments;

/// <summary>The asset form on /instruments/{sensor}.</summary>
public sealed class AssetInput
{
    public string? Make { get; set; }

    public string? Model { get; set; }

    public string? SerialNumber { get; set; }

    public string? Location { get; set; }

    public int? IntervalDays { get; set; }

    public string? Reason { get; set; }
}

/// <summary>The calibration form: the certificate's date (site time, <c>datetime-local</c>), reference, result and who performed it.</summary>
public sealed class CalibrationInput
{
    public DateTime? CalibratedAt { get; set; }

    public string? Certificate { get; set; }

    public CalibrationResult? Result { get; set; }

    public string? PerformedBy { get; set; }

    public Guid? OutOfServicePeriod { get; set; }

    public string? Comment { get; set; }
}

/// <summary>The relocation form.</summary>
public sealed class RelocationInput
{
    public string? ToLocation { get; set; }

    public string? Reason { get; set; }
}
