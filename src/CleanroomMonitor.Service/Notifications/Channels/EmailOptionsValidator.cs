using Microsoft.Extensions.Options;

namespace CleanroomMonitor.Service.Notifications.Channels;

/// <summary>Checks <see cref="EmailOptions"/> against its DataAnnotations (source-generated).</summary>
[OptionsValidator]
internal sealed partial class EmailOptionsValidator : IValidateOptions<EmailOptions>;
