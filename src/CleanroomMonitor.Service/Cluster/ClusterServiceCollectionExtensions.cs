using CleanroomMonitor.Core.Configuration;
using CleanroomMonitor.Core.Facility;
using CleanroomMonitor.Core.Partitions;
using CleanroomMonitor.Storage.Records;
using Microsoft.Extensions.Options;
using Npgsql;

namespace CleanroomMonitor.Service.Cluster;

/// <summary>Registers partition leases when <c>Cluster:Enabled</c> is true; otherwise nothing (one instance owns every room).</summary>
public static class ClusterServiceCollectionExtensions
{
    /// <summary>The key of the cluster's own <see cref="NpgsqlDataSource"/> (on <c>Records:ConnectionString</c>), so its
    /// connections never wait behind the record store's.</summary>
    public const string DataSourceKey = "cluster";

    /// <exception cref="ConfigurationException"><c>Cluster:Enabled</c> is neither true nor false.</exception>
    public static IServiceCollection AddCluster(this IServiceCollection services, IConfiguration configuration, FacilityDefinition facility)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        const string enabledPath = ClusterOptions.SectionName + ":" + nameof(ClusterOptions.Enabled);
        var enabled = configuration[enabledPath];
        if (string.IsNullOrWhiteSpace(enabled))
        {
            return services;
        }
        // Read here, before the options exist, to decide what to register: a typo must stop start-up with its path and
        // value (Program.cs prints a ConfigurationException), not a binder's stack trace.
        if (!bool.TryParse(enabled, out var isEnabled))
        {
            throw new ConfigurationException([new("configuration", enabledPath, enabled, "true or false")]);
        }
        if (!isEnabled)
        {
            return services;
        }
        services.AddOptions<ClusterOptions>().BindConfiguration(ClusterOptions.SectionName).ValidateOnStart();
        services.AddSingleton<IValidateOptions<ClusterOptions>, ClusterOptionsValidator>();
        services.AddSingleton<IValidateOptions<ClusterOptions>>(sp => new ClusterOptionsRules(sp.GetRequiredService<IOptions<RecordsOptions>>(), facility));
        services.AddKeyedSingleton(DataSourceKey, (sp, _) =>
            NpgsqlDataSource.Create(sp.GetRequiredService<IOptions<RecordsOptions>>().Value.ConnectionString!));
        services.AddSingleton(sp => PartitionPlan.Create(facility, ClusterOptionsRules.Specs(sp.GetRequiredService<IOptions<ClusterOptions>>().Value)));
        services.AddSingleton<LeaseKeeper>();
        services.AddHostedService(sp => sp.GetRequiredService<LeaseKeeper>());
        services.AddHealthChecks().AddCheck<PartitionReadiness>("partitions", tags: ["ready"]);
        return services;
    }
}
