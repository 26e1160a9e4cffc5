using CleanroomMonitor.Core.Facility;
using CleanroomMonitor.Core.Limits;

namespace CleanroomMonitor.Core.AlertLevels;

/// <summary>A proposed alert level computed from a period's data: the start of a limit-change proposal, never a limit in
/// force by itself (Annex 1 9.9: alert levels are set from qualification and trend data, and reviewed).</summary>
/// <param name="Unit">The unit of every level and limit in the proposal: the parameter's canonical unit (particles per m³ for particle channels).</param>
/// <param name="SampleCount">n: the samples used, those taken while the room was in <paramref name="State"/>.</param>
/// <param name="TailProbability">The tail asked for: the share of samples allowed to reach the level (0.01 = 1 %).</param>
/// <param name="Fit">For particle counts: the fitted distribution; null for continuous parameters.</param>
/// <param name="SampleLitres">For particle counts: the litres per sample (median of the samples) used to convert counts per sample to /m³.</param>
/// <param name="CurrentAlert">The alert band in force for the state now.</param>
/// <param name="CurrentAction">The action band in force for the state now.</param>
/// <param name="Warnings">What a reviewer must weigh before using the value (few samples, mixed room states, mixed volumes).</param>
public sealed record AlertProposal(
    Parameter Parameter,
    string Unit,
    RoomState State,
    AlertLevelMethod Method,
    int SampleCount,
    double TailProbability,
    CountFit? Fit,
    double? SampleLitres,
    IReadOnlyList<ProposedLevel> Levels,
    Band CurrentAlert,
    Band CurrentAction,
    IReadOnlyList<string> Warnings);
