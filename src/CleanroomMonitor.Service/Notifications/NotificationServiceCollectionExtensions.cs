using Microsoft.Extensions.DependencyInjection.Extensions;
using CleanroomMonitor.Core.Facility;
using CleanroomMonitor.Core.Notifications;
using CleanroomMonitor.Service.Alerting;
using CleanroomMonitor.Service.Notifications.Channels;
using Microsoft.Extensions.Options;

namespace CleanroomMonitor.Service.Notifications;

public static class NotificationServiceCollectionExtensions
{
    /// <summary>Registers notifications to people: the options (validated at start), the plan file checked now (a bad file
    /// stops the start with its path and value), the plan keeper, the dispatcher as an excursion notifier and the sender.</summary>
    /// <exception cref="Core.Configuration.ConfigurationException">The plan file is invalid.</exception>
    public static IServiceCollection AddPeopleNotifications(this IServiceCollection services, IConfiguration configuration, FacilityDefinition facility)
    {
        services.AddOptions<NotificationOptions>().BindConfiguration(NotificationOptions.SectionName).ValidateDataAnnotations().ValidateOnStart();
        var directory = ChannelDirectory.From(configuration);
        NotificationPlanKeeper.CheckFile(configuration[$"{NotificationOptions.SectionName}:{nameof(NotificationOptions.PlanFile)}"], facility, directory);
        services.AddSingleton(directory);
        services.AddNotificationChannels(configuration);
        services.AddSingleton<NotificationHealth>();
        services.TryAddSingleton<Recording.AuditRoles>();
        services.AddSingleton<NotificationPlanKeeper>();
        services.AddSingleton<ExcursionTenants>();
        services.AddSingleton(sp => new NotificationText(facility, sp.GetRequiredService<IOptions<NotificationOptions>>().Value.PublicUrl));
        services.AddSingleton<DeliverySender>();
        services.AddSingleton<NotificationDispatcher>();
        services.AddSingleton<NotificationAdministration>();
        services.AddSingleton<MonitoringHealth>();
        services.AddSingleton<DailySummarySender>();
        services.AddSingleton<IExcursionNotifier>(sp => sp.GetRequiredService<NotificationDispatcher>());
        return services;
    }

    /// <summary>Starts the sender and the dispatcher; call where hosted services are ordered (they stop in reverse order,
    /// so both stop before the engine and the record store they read).</summary>
    public static IServiceCollection AddPeopleNotificationWorkers(this IServiceCollection services)
    {
        services.AddHostedService(sp => sp.GetRequiredService<DeliverySender>());
        services.AddHostedService(sp => sp.GetRequiredService<NotificationDispatcher>());
        services.AddHostedService(sp => sp.GetRequiredService<DailySummarySender>());
        return services;
    }
}
