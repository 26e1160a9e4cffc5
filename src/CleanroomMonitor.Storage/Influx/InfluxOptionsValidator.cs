using Microsoft.Extensions.Options;

namespace CleanroomMonitor.Storage.Influx;

/// <summary>Checks <see cref="InfluxOptions"/> against its DataAnnotations (source-generated).</summary>
[OptionsValidator]
internal sealed partial class InfluxOptionsValidator : IValidateOptions<InfluxOptions>;
