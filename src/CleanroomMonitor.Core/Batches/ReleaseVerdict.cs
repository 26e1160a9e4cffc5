namespace CleanroomMonitor.Core.Batches;

/// <summary>Whether the batch's environmental monitoring is clear for release, and every reason when it is not
/// (<see cref="ReleaseRule"/>).</summary>
/// <param name="Rule">The release rule in words, printed with the verdict so the reader knows what "clear" means.</param>
public sealed record ReleaseVerdict(bool ClearForRelease, IReadOnlyList<string> Reasons, string Rule)
{
    public const string RuleText =
        "Clear for release only when the batch has ended; every excursion touching it (linked to it, or in its rooms during its period, " +
        "including one found late from data that arrived after the batch ended) is Closed with QA's signature; every sensor of its rooms " +
        "delivered at least the minimum share of expected samples or its shortfall is explained by a closed data-gap, communication-loss or " +
        "sensor-fault excursion; every run of alert or action samples stored for its window (judged against the limits of the room state " +
        "at each sample; out-of-service samples and non-monitoring windows excepted) is covered by an excursion of that sensor parameter " +
        "or of the room, or by QA's signed breach review of that very run; and every out-of-service period or non-monitoring window " +
        "overlapping it is recorded by a closed System excursion.";
}
