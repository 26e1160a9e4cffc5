using CleanroomMonitor.Core.Excursions;

namespace CleanroomMonitor.Simulators.Scenarios;

/// <summary>What the service must show after a scenario: an excursion, no excursion, or counted rejections.</summary>
/// <param name="Requirement">The requirement it proves, as the OQ report names it ("EXC-DP-DELAY: …").</param>
/// <param name="Path">Where it is in its file, for messages.</param>
internal sealed record Expectation(ExpectationType Type, string Requirement, string Path)
{
    public ExcursionKind? Kind { get; init; }
    public string? Level { get; init; }
    public string? Sensor { get; init; }
    public string? Room { get; init; }
    public string? Parameter { get; init; }

    /// <summary>Excursion: it starts at or after this scenario time…</summary>
    public TimeSpan After { get; init; }

    /// <summary>…and no later than this after <see cref="After"/> (default: by the end of the scenario).</summary>
    public TimeSpan? Within { get; init; }

    /// <summary>Excursion: a batch (scenario number) it must name.</summary>
    public string? Batch { get; init; }

    /// <summary>Excursion: words its rule must contain ("consecutive").</summary>
    public string? Rule { get; init; }

    /// <summary>Rejection: the reason counted (docs/mqtt.md), at least <see cref="AtLeast"/> more times during the run.</summary>
    public string? Reason { get; init; }
    public long AtLeast { get; init; } = 1;

    /// <summary>No excursion: the scenario-time window checked (default: the whole scenario).</summary>
    public TimeSpan From { get; init; }
    public TimeSpan? Until { get; init; }

    /// <summary>The expectation in words, for reports.</summary>
    public string Describe() => Type switch
    {
        ExpectationType.Excursion => $"{Level ?? "any-level"} {Kind} excursion on {Sensor ?? Room}"
            + (Parameter is null ? "" : $" ({Parameter})") + $" starting {Fmt(After)}–{(Within is { } w ? Fmt(After + w) : "end")}"
            + (Batch is null ? "" : $", naming batch {Batch}") + (Rule is null ? "" : $", rule \"{Rule}\""),
        ExpectationType.NoExcursion => $"no {(Kind?.ToString() ?? "")} excursion on {Sensor ?? Room} starting {Fmt(From)}–{(Until is { } u ? Fmt(u) : "end")}".Replace("no  ", "no ", StringComparison.Ordinal),
        _ => $"rejection {Reason} counted at least {AtLeast} time(s)",
    };

    private static string Fmt(TimeSpan t) => t.TotalSeconds % 60 == 0 ? $"{(int)t.TotalMinutes}m" : $"{(int)t.TotalSeconds}s";
}
