namespace CleanroomMonitor.Core.Excursions;

/// <summary>QA's decision for one batch linked to an excursion (Annex 1 9.13: product-impact assessment).</summary>
/// <param name="Decision">"no impact", "impact assessed, batch may be released", "batch rejected", …</param>
public sealed record ProductImpact(string Batch, string Decision, string Reason);
