using CleanroomMonitor.Core.Notifications;

namespace CleanroomMonitor.Service.Notifications;

/// <summary>The channels configured on this installation by name, with the address each uses: "email" when
/// <c>Notifications:Email:Host</c> is set, and one per <c>Notifications:Gateways</c> entry (SMS and voice gateways dial
/// phone numbers). Read from configuration so a plan file can be validated before any service is built.</summary>
public sealed class ChannelDirectory(IReadOnlyDictionary<string, ContactAddress> channels)
{
    public const string Email = "email";

    public IReadOnlyDictionary<string, ContactAddress> Channels { get; } = channels;

    public static ChannelDirectory From(IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        var channels = new Dictionary<string, ContactAddress>(StringComparer.Ordinal);
        if (!string.IsNullOrWhiteSpace(configuration[$"{NotificationOptions.SectionName}:Email:Host"]))
        {
            channels[Email] = ContactAddress.Email;
        }
        foreach (var gateway in configuration.GetSection($"{NotificationOptions.SectionName}:Gateways").GetChildren())
        {
            channels[gateway.Key] = ContactAddress.Phone;
        }
        return new ChannelDirectory(channels);
    }
}
