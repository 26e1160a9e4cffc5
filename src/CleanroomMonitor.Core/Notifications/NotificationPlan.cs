using CleanroomMonitor.Core.Excursions;

namespace CleanroomMonitor.Core.Notifications;

/// <summary>Who is told about which excursions, when and how (docs/notifications.md): the contacts, the on-call rosters,
/// the escalation policies and the routes that pick a policy for an excursion. Validated whole by
/// <see cref="NotificationPlanReader"/>: every name it uses resolves.</summary>
/// <param name="Version">The first 12 hex digits of the SHA-256 of the plan's text, as recorded with each change.</param>
public sealed record NotificationPlan(
    IReadOnlyList<Contact> Contacts,
    IReadOnlyList<Roster> Rosters,
    IReadOnlyList<EscalationPolicy> Policies,
    IReadOnlyList<Route> Routes,
    string Version)
{
    public static NotificationPlan Empty { get; } = new([], [], [], [], "none");

    /// <summary>The daily "monitoring healthy" messages.</summary>
    public IReadOnlyList<DailySummary> Summaries { get; init; } = [];

    public Contact? Contact(string id) => Contacts.FirstOrDefault(c => c.Id == id);

    public Roster? Roster(string id) => Rosters.FirstOrDefault(r => r.Id == id);

    public EscalationPolicy? Policy(string id) => Policies.FirstOrDefault(p => p.Id == id);

    public Route? Route(string id) => Routes.FirstOrDefault(r => r.Id == id);

    /// <summary>The routes <paramref name="excursion"/> matches, in the plan's order.</summary>
    public IEnumerable<Route> RoutesFor(Excursion excursion, IReadOnlyCollection<string> tenants) => Routes.Where(r => r.Matches(excursion, tenants));
}
