using CleanroomMonitor.Core.Facility;

namespace CleanroomMonitor.Core.Limits;

/// <summary>The built-in action limits: EU GMP Annex 1 (2022) Table 5, the maximum permitted airborne particle
/// concentrations for monitoring, per m³; and the 10 Pa guidance between adjacent rooms of different grades (4.14).
/// Sites may set stricter action limits (9.9) and must set their own alert levels.</summary>
public static class Annex1Defaults
{
    /// <summary>The 10 Pa guidance value between adjacent rooms of different grades (Annex 1 4.14).</summary>
    public const double MinimumPressureDifferencePa = 10;

    /// <summary>The Table 5 action limit, or null where the table leaves it to the site (grade D in operation).</summary>
    public static double? ParticleActionLimit(Grade grade, RoomState state, Parameter parameter)
    {
        var operating = state is RoomState.InOperation or RoomState.CleanUp;
        var large = parameter == Parameter.ParticlesFiveMicron;
        return (grade, operating, large) switch
        {
            (Grade.A, _, false) => 3_520,
            (Grade.A, _, true) => 29,
            (Grade.B, false, false) => 3_520,
            (Grade.B, false, true) => 29,
            (Grade.B, true, false) => 352_000,
            (Grade.B, true, true) => 2_930,
            (Grade.C, false, false) => 352_000,
            (Grade.C, false, true) => 2_930,
            (Grade.C, true, false) => 3_520_000,
            (Grade.C, true, true) => 29_300,
            (Grade.D, false, false) => 3_520_000,
            (Grade.D, false, true) => 29_300,
            (Grade.D, true, _) => null,
            _ => null,
        };
    }

    /// <summary>The particle rules on by default: for ≥5.0 µm where Table 5 note 2 applies (grade A, and grade B at
    /// rest): 3 consecutive samples with counts, 2 alert samples of the last 10, and the 1 m³ cumulative volume.</summary>
    public static ParticleRules DefaultRules(Grade grade, RoomState state, Parameter parameter) =>
        parameter == Parameter.ParticlesFiveMicron && (grade == Grade.A || (grade == Grade.B && state == RoomState.AtRest))
            ? new ParticleRules(ConsecutiveSamples: 3, OccurrencesN: 2, OccurrencesM: 10, CumulativeVolumeLitres: 1_000)
            : ParticleRules.None;
}
