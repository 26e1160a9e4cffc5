using CleanroomMonitor.Core.Excursions;

namespace CleanroomMonitor.Simulators.Scenarios;

/// <summary>What the service must show after a scenario: an excursion, no excursion, counted rejections, a room state, or
/// (records) the signed acknowledgement sequence, the audit trail and a verified backup.</summary>
/// <param name="Requirement">The requirement it proves, as the OQ report names it ("EXC-DP-DELAY: …").</param>
/// <param name="Path">Where it is in its file, for messages.</param>
internal sealed record Expectation(ExpectationType Type, string Requirement, string Path)
{
    /// <summary>The regulatory clause the requirement comes from (the OQ report prints it).</summary>
    public string? Clause { get; init; }

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
    /// <remarks>Default in <see cref="Format.ExpectationFile"/>.</remarks>
    public required long AtLeast { get; init; }

    /// <summary>Excursion: it must also have returned to normal (the service recorded its end).</summary>
    public bool Returned { get; init; }

    /// <summary>Alarm delivery: the longest time from the breach to the mail's acceptance and to the gateway request.</summary>
    /// <remarks>Default in <see cref="Format.ExpectationFile"/>.</remarks>
    public TimeSpan Limit { get; init; } = TimeSpan.FromSeconds(60);

    /// <summary>Room state: the state entered (AtRest, InOperation, CleanUp, NotMonitored).</summary>
    public string? State { get; init; }

    /// <summary>No excursion: the scenario-time window checked (default: the whole scenario).</summary>
    public TimeSpan From { get; init; }
    public TimeSpan? Until { get; init; }

    /// <summary>The expectation in words, for reports.</summary>
    public string Describe() => Type switch
    {
        ExpectationType.Excursion => $"{Level ?? "any-level"} {Kind} excursion on {Sensor ?? Room}"
            + (Parameter is null ? "" : $" ({Parameter})") + $" starting {Fmt(After)}–{(Within is { } w ? Fmt(After + w) : "end")}"
            + (Batch is null ? "" : $", naming batch {Batch}") + (Rule is null ? "" : $", rule \"{Rule}\"") + (Returned ? ", and back to normal" : ""),
        ExpectationType.RoomState => $"room {Room} enters {State} between {Fmt(After)} and {(Within is { } w ? Fmt(After + w) : "end")}" + (Rule is null ? "" : $", reason \"{Rule}\""),
        ExpectationType.AcknowledgeClose => $"the {Kind} excursion on {Sensor ?? Room} starting {Fmt(After)}–{(Within is { } w ? Fmt(After + w) : "end")}: close refused before "
            + "acknowledgement (409); acknowledged, then closed, each with an electronic signature (printed name, meaning)",
        ExpectationType.Audit => "audit trail hash chain intact; it holds the raising (and any acknowledgement and closure) of every excursion and the start and end of every batch of this scenario",
        ExpectationType.AlarmDelivery => $"the {Level ?? "any-level"} {Kind} excursion on {Sensor ?? Room} starting {Fmt(After)}–{(Within is { } w ? Fmt(After + w) : "end")}: "
            + $"a mail accepted by the SMTP server and a request at the SMS gateway, each within {(int)Limit.TotalSeconds} s of the breach",
        ExpectationType.Backup => "records backup to a new file, records verify finds it intact, with at least the excursions and audit entries the API showed before the backup",
        ExpectationType.NoExcursion => $"no {(Kind?.ToString() ?? "")} excursion on {Sensor ?? Room} starting {Fmt(From)}–{(Until is { } u ? Fmt(u) : "end")}".Replace("no  ", "no ", StringComparison.Ordinal),
        _ => $"rejection {Reason} counted at least {AtLeast} time(s)",
    };

    private static string Fmt(TimeSpan t) => t.TotalSeconds % 60 == 0 ? $"{(int)t.TotalMinutes}m" : $"{(int)t.TotalSeconds}s";
}
