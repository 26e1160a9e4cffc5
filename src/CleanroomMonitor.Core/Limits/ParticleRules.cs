namespace CleanroomMonitor.Core.Limits;

/// <summary>Rules beyond the single-sample comparison for particle channels (docs/gmp.md §3; Annex 1 Table 5 note 2:
/// single ≥5.0 µm counts may be false, but consecutive or regular low counts may be a real contamination event).</summary>
/// <param name="ConsecutiveSamples">K: this many samples in a row, each with a count ≥ 1, raise an alert excursion. Null: off.</param>
/// <param name="OccurrencesN">N of the N-of-M rule: N samples at or above the alert level among the last M raise an alert. Null: off.</param>
/// <param name="OccurrencesM">M of the N-of-M rule.</param>
/// <param name="CumulativeVolumeLitres">The rolling cumulative-volume rule: the total count over the last this-many litres
/// sampled, as a concentration, compared with the action limit (1 000 L = 1 m³ ≈ 35 one-minute samples). Null: off.</param>
public sealed record ParticleRules(int? ConsecutiveSamples, int? OccurrencesN, int? OccurrencesM, double? CumulativeVolumeLitres)
{
    public static ParticleRules None { get; } = new(null, null, null, null);

    public bool Any => ConsecutiveSamples is not null || OccurrencesN is not null || CumulativeVolumeLitres is not null;
}
