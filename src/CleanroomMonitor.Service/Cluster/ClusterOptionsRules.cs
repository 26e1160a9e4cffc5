using CleanroomMonitor.Core.Facility;
using CleanroomMonitor.Core.Partitions;
using CleanroomMonitor.Storage.Records;
using Microsoft.Extensions.Options;

namespace CleanroomMonitor.Service.Cluster;

/// <summary>The cross-field and cross-file rules of <see cref="ClusterOptions"/>, all reported in one pass: the records
/// must be in PostgreSQL, renewal must leave room for a retry, and the partitions must cover the facility's rooms.</summary>
internal sealed class ClusterOptionsRules(IOptions<RecordsOptions> records, FacilityDefinition facility) : IValidateOptions<ClusterOptions>
{
    public ValidateOptionsResult Validate(string? name, ClusterOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var result = new ValidateOptionsResultBuilder();
        if (options.Enabled && records.Value.Provider != RecordsProvider.Postgres)
        {
            result.AddError($"{ClusterOptions.SectionName}:Enabled = 'True': expected Records:Provider = Postgres (it is '{records.Value.Provider}'), because the partition leases live in the records' PostgreSQL database");
        }
        if (options.RenewInterval > options.LeaseDuration / 2)
        {
            result.AddError($"{ClusterOptions.SectionName}:RenewEvery = '{options.RenewInterval}': expected at most half of {ClusterOptions.SectionName}:LeaseDuration ({options.LeaseDuration}), so that a failed renewal is retried before the lease is given up");
        }
        if (string.IsNullOrWhiteSpace(options.InstanceId))
        {
            result.AddError($"{ClusterOptions.SectionName}:InstanceId = '{options.InstanceId}': expected a name unique to this process");
        }
        foreach (var error in PartitionPlan.Validate(facility, Specs(options)))
        {
            result.AddError(error.Value is null ? $"{error.Path}: expected {error.Expected}" : $"{error.Path} = '{error.Value}': expected {error.Expected}");
        }
        return result.Build();
    }

    /// <summary>The configured partitions as the plan reads them.</summary>
    internal static IReadOnlyList<PartitionSpec> Specs(ClusterOptions options) =>
        [.. options.Partitions.Select(p => new PartitionSpec(p.Id, [.. p.Rooms]))];
}
