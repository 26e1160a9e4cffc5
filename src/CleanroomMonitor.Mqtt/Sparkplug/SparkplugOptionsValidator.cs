using Microsoft.Extensions.Options;

namespace CleanroomMonitor.Mqtt.Sparkplug;

/// <summary>Checks the DataAnnotations of <see cref="SparkplugOptions"/>; generated.</summary>
[OptionsValidator]
public sealed partial class SparkplugOptionsValidator : IValidateOptions<SparkplugOptions>;
