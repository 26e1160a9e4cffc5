namespace CleanroomMonitor.Core.Security;

/// <summary>What a user may do. Viewer: read. Operator: acknowledge excursions, start and end batches. QA: close
/// excursions with product-impact decisions, release reports. Admin: users, tokens, room leases. A user may hold several.</summary>
public enum Role
{
    Viewer,
    Operator,
    QA,
    Admin,
}
