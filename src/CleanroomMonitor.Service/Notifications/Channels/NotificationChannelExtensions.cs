using CleanroomMonitor.Service.Observability;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace CleanroomMonitor.Service.Notifications.Channels;

public static class NotificationChannelExtensions
{
    /// <summary>Registers an <see cref="INotificationChannel"/> for each configured way of reaching people: <c>email</c>
    /// when <c>Notifications:Email:Host</c> is set, and one gateway per entry of <c>Notifications:Gateways</c> (configured
    /// means enabled). Their options are checked at start, secret files read once. Calling it again adds nothing.</summary>
    /// <param name="configuration">Read now for which channels exist; their settings bind through the options as usual.</param>
    public static IServiceCollection AddNotificationChannels(this IServiceCollection services, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        if (services.Any(d => d.ServiceType == typeof(Registered)))
        {
            return services;
        }
        services.AddSingleton<Registered>();
        services.TryAddSingleton(TimeProvider.System);

        if (!string.IsNullOrEmpty(configuration[$"{EmailOptions.SectionName}:{nameof(EmailOptions.Host)}"]))
        {
            services.AddOptions<EmailOptions>()
                .BindConfiguration(EmailOptions.SectionName)
                .PostConfigure(email => email.Password = SecretFiles.TryRead(email.PasswordFile, out var password) ? password : null)
                .ValidateOnStart();
            services.AddSingleton<IValidateOptions<EmailOptions>, EmailOptionsValidator>();
            services.AddSingleton<IValidateOptions<EmailOptions>, EmailSettingsValidator>();
            services.AddSingleton<INotificationChannel, EmailChannel>();
        }

        var gateways = configuration.GetSection(GatewayOptions.SectionName).GetChildren().Select(g => g.Key).ToList();
        if (gateways.Count > 0)
        {
            services.AddSingleton<IValidateOptions<GatewayOptions>, GatewayOptionsValidator>();
            services.AddSingleton<IValidateOptions<GatewayOptions>, GatewaySettingsValidator>();
        }
        foreach (var name in gateways)
        {
            services.AddOptions<GatewayOptions>(name)
                .BindConfiguration($"{GatewayOptions.SectionName}:{name}")
                .PostConfigure(gateway =>
                {
                    foreach (var (header, file) in gateway.HeaderFiles)
                    {
                        if (SecretFiles.TryRead(file, out var value))
                        {
                            gateway.SecretHeaders[header] = value;
                        }
                    }
                })
                .ValidateOnStart();
            // The factory's logging writes request headers, which carry the gateway's API key; our own timer bounds each attempt.
            services.AddHttpClient(GatewayChannel.ClientName(name), client => client.Timeout = Timeout.InfiniteTimeSpan).RemoveAllLoggers();
            services.AddSingleton<INotificationChannel>(sp => ActivatorUtilities.CreateInstance<GatewayChannel>(sp, name));
        }
        return services;
    }

    /// <summary>Marks the registration done, so a second call does not add every channel twice.</summary>
    private sealed class Registered;
}
