using CleanroomMonitor.Core.Calibration;

namespace CleanroomMonitor.Service.Calibration;

/// <summary>PUT /api/instruments/{sensor}/asset body: a new version of the register entry, with why.</summary>
public sealed record AssetRequest(string? Make, string? Model, string? SerialNumber, string? Location, int? CalibrationIntervalDays, string? Reason);

/// <summary>POST /api/instruments/{sensor}/calibrations body, as the certificate states it. <paramref name="OutOfServicePeriod"/>
/// links the period the instrument was out of service for it; omitted, the period covering <paramref name="CalibratedAt"/> is linked.</summary>
public sealed record CalibrationRequest(DateTimeOffset? CalibratedAt, string? CertificateReference, CalibrationResult? Result, string? PerformedBy,
    Guid? OutOfServicePeriod, string? Comment);

/// <summary>POST /api/instruments/{sensor}/relocations body. <paramref name="MovedAt"/> omitted: now.</summary>
public sealed record RelocationRequest(string? ToRoom, string? ToLocation, DateTimeOffset? MovedAt, string? Reason);
