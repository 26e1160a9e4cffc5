using Microsoft.Extensions.Options;

namespace CleanroomMonitor.Service.Cluster;

/// <summary>Checks <see cref="ClusterOptions"/> against its DataAnnotations (source-generated).</summary>
[OptionsValidator]
internal sealed partial class ClusterOptionsValidator : IValidateOptions<ClusterOptions>;
