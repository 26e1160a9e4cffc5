namespace CleanroomMonitor.Service;

// The calibration register: EventIds 4501-4549.
internal static partial class Log
{
    [LoggerMessage(EventId = 4501, Level = LogLevel.Information, Message = "Calibration register loaded: {Instruments} instruments, {Unfit} overdue or failed")]
    public static partial void CalibrationRegisterLoaded(this ILogger logger, int instruments, int unfit);

    [LoggerMessage(EventId = 4502, Level = LogLevel.Information, Message = "Calibration register: {Action} for {Sensor} by {By}")]
    public static partial void CalibrationRegisterChanged(this ILogger logger, string action, string sensor, string by);

    [LoggerMessage(EventId = 4503, Level = LogLevel.Warning, Message = "Instrument {Sensor} calibration {State}: {Detail}")]
    public static partial void CalibrationStateChanged(this ILogger logger, string sensor, string state, string detail);

    [LoggerMessage(EventId = 4504, Level = LogLevel.Information, Message = "Calibration register entry refused for {Sensor} by {By}: {Problem}")]
    public static partial void CalibrationEntryRefused(this ILogger logger, string sensor, string by, string problem);

    [LoggerMessage(EventId = 4505, Level = LogLevel.Information, Message = "Calibration register: initial entry for {Sensor} taken from the facility file, recorded as {By}")]
    public static partial void CalibrationSeededFromFacility(this ILogger logger, string sensor, string by);
}
