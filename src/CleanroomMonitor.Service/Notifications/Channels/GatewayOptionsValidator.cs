using Microsoft.Extensions.Options;

namespace CleanroomMonitor.Service.Notifications.Channels;

/// <summary>Checks <see cref="GatewayOptions"/> against its DataAnnotations (source-generated).</summary>
[OptionsValidator]
internal sealed partial class GatewayOptionsValidator : IValidateOptions<GatewayOptions>;
