using CleanroomMonitor.Core.Security;

namespace CleanroomMonitor.Core.Excursions;

/// <summary>QA's signed closure (docs/gmp.md §7 item 8): the deviation or investigation reference, a product-impact
/// decision for every linked batch, an optional CAPA reference, and a comment.</summary>
public sealed record ExcursionClosure(Signature Signature, string Deviation, IReadOnlyList<ProductImpact> Impacts, string? Capa, string Comment);
