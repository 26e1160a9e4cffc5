using CleanroomMonitor.Core.Excursions;
using CleanroomMonitor.Core.Records;
using CleanroomMonitor.Core.Security;

namespace CleanroomMonitor.Service.Notifications;

/// <summary>The tenants an excursion concerns, as the pages scope them (<see cref="Security.TenantScope"/>): those who
/// leased its room while it happened, and those whose batches it touches. Routes filter on them, and a tenant's person
/// is told only of these.</summary>
public sealed class ExcursionTenants(IRecordStore records, IUserStore users)
{
    public async Task<IReadOnlyCollection<string>> OfAsync(Excursion excursion, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(excursion);
        var tenants = new HashSet<string>(StringComparer.Ordinal);
        foreach (var lease in await users.LeasesAsync(cancellationToken))
        {
            if (lease.Room == excursion.Room && lease.Overlaps(excursion.StartedAt, excursion.EndedAt))
            {
                tenants.Add(lease.Tenant);
            }
        }
        if (excursion.Batches.Count > 0)
        {
            foreach (var batch in await records.BatchesAsync(cancellationToken))
            {
                if (excursion.Batches.Contains(batch.Number))
                {
                    tenants.Add(batch.Tenant);
                }
            }
        }
        return tenants;
    }
}
