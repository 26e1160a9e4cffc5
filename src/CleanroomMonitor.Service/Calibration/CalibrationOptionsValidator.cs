using Microsoft.Extensions.Options;

namespace CleanroomMonitor.Service.Calibration;

/// <summary>The source-generated check of <see cref="CalibrationOptions"/>' attributes, with every problem in one pass.</summary>
[OptionsValidator]
internal sealed partial class CalibrationOptionsValidator : IValidateOptions<CalibrationOptions>;
