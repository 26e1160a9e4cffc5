namespace CleanroomMonitor.Service.Reports;

/// <summary>Whether the batch's environmental monitoring is clear for release, and every reason when it is not.</summary>
/// <param name="Rule">The release rule in words, printed with the verdict so the reader knows what "clear" means.</param>
public sealed record ReleaseVerdict(bool ClearForRelease, IReadOnlyList<string> Reasons, string Rule)
{
    public const string RuleText =
        "Clear for release only when the batch has ended, every excursion touching it (linked to it, or in its rooms during its period) " +
        "is Closed with QA's signature, and every sensor of its rooms delivered at least the minimum share of expected samples " +
        "or its shortfall is explained by a closed data-gap, communication-loss or sensor-fault excursion.";
}
