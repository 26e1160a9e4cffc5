using CleanroomMonitor.Core.Security;

namespace CleanroomMonitor.Core.Batches;

/// <summary>QA's signed review of the transient breaches of a batch that no excursion explains (rules with a justified
/// delay raise nothing for one short breach, Annex 1 9.16). It covers exactly the runs listed, as they were when it was
/// signed: a run that appears or changes later (late data, a found-late excursion) is not covered and blocks release again.</summary>
/// <param name="Reason">Why the breaches do not affect the batch (QA's text, part of the signed record).</param>
/// <param name="Runs">The runs it covered, frozen at signing.</param>
public sealed record BreachReview(Guid Id, string Batch, Signature Signature, string Reason, IReadOnlyList<BreachRun> Runs)
{
    /// <summary>Meanings the review's signature may carry (21 CFR 11.50(a)(3)): fixed, as for the excursion signatures.</summary>
    public static IReadOnlyList<string> Meanings { get; } = ["transient breaches reviewed", "transient breaches reviewed, no product impact"];

    public bool Covers(BreachRun run) => Runs.Any(r => r.SameAs(run));
}
