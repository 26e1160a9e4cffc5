namespace CleanroomMonitor.Service.LimitChanges;

/// <summary>The site's rules for limit changes (docs/gmp.md "Limit changes under change control").</summary>
public sealed class LimitChangeOptions
{
    public const string SectionName = "LimitChanges";

    /// <summary>Whether a tenant's QA may propose, approve and reject limit changes of the rooms its tenant leases (a
    /// shared facility whose quality agreement gives tenants their rooms' limits). The facility's own QA always may.</summary>
    /// <value>Default: false.</value>
    public bool TenantsMayPropose { get; set; }
}
