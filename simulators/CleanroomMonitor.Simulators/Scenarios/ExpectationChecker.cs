using System.Globalization;
using System.Text.Json;
using CleanroomMonitor.Core.Facility;

namespace CleanroomMonitor.Simulators.Scenarios;

/// <summary>Checks a played scenario's expectations through the service's API. Excursions that existed before the run
/// are ignored; an excursion's start is matched against the expected window in device time (reading-time rules) or in
/// wall time (data gaps, communication loss, the clean-up deadline: judged by the service's clock). Positive expectations
/// are polled, in file order, until they hold or <c>patience</c> runs out; "no excursion" is checked after them, once
/// every reading sent has been accepted. The record checks (signed sequence, audit, backup) are <see cref="RecordChecks"/>.</summary>
internal sealed class ExpectationChecker(ServiceApi api, Scenario scenario, TimeProvider time, TimeSpan patience)
{
    private static readonly TimeSpan Slack = TimeSpan.FromSeconds(1);
    private readonly HashSet<string> _before = new(StringComparer.Ordinal);
    private readonly List<string> _matched = [];
    private IReadOnlyDictionary<string, long> _rejectionsBefore = new Dictionary<string, long>();

    /// <summary>The signed sequence, the audit trail and backups (null: those expectations fail as not run).</summary>
    public RecordChecks? Records { get; init; }

    /// <summary>The kit's SMTP sink and gateway listener (null: alarm-delivery expectations fail as not run).</summary>
    public Oq.AlarmSinks? Alarms { get; init; }

    /// <summary>The excursions the expectations matched so far.</summary>
    public IReadOnlyList<string> Claimed => _matched;

    /// <summary>Notes what exists before the run: excursion ids of the sensors and rooms named, rejection counts.</summary>
    public async Task SnapshotAsync(CancellationToken cancellationToken)
    {
        foreach (var expectation in scenario.Expectations.Where(e => e.Type is ExpectationType.Excursion or ExpectationType.NoExcursion or ExpectationType.AcknowledgeClose
            or ExpectationType.AlarmDelivery))
        {
            foreach (var excursion in await api.ExcursionsAsync(expectation.Sensor, expectation.Room, cancellationToken))
            {
                _before.Add(excursion.GetProperty("id").GetString()!);
            }
        }
        _rejectionsBefore = await api.RejectionsAsync(cancellationToken);
    }

    public async Task<IReadOnlyList<ExpectationResult>> CheckAsync(ScenarioPlayer player, CancellationToken cancellationToken)
    {
        await WaitForIngestAsync(player, cancellationToken);
        var results = new Dictionary<Expectation, ExpectationResult>();
        foreach (var e in scenario.Expectations.Where(e => e.Type != ExpectationType.NoExcursion))
        {
            results[e] = e.Type switch
            {
                ExpectationType.Excursion => await ExcursionAsync(e, player, cancellationToken),
                ExpectationType.Rejection => await RejectionAsync(e, cancellationToken),
                ExpectationType.RoomState => await RoomStateAsync(e, player, cancellationToken),
                ExpectationType.AcknowledgeClose => await AcknowledgeCloseAsync(e, player, cancellationToken),
                ExpectationType.AlarmDelivery => await AlarmDeliveryAsync(e, player, cancellationToken),
                ExpectationType.Audit => Records is null ? NotRun(e, "no API session for the record checks")
                    : Result(e, await Records.AuditAsync(_matched, Batches(player), cancellationToken)),
                _ => Records is null ? NotRun(e, "no API session for the record checks") : Result(e, await Records.BackupAsync(cancellationToken)),
            };
        }
        foreach (var e in scenario.Expectations.Where(e => e.Type == ExpectationType.NoExcursion))
        {
            results[e] = await NoExcursionAsync(e, player, cancellationToken);
        }
        return [.. scenario.Expectations.Select(e => results[e] with { Stimulus = AppliedStimulus.Describe(e, scenario, player.Clock, player.Facility) })];
    }

    /// <summary>Waits until the service accepted the last sample sent by every sensor the expectations name.</summary>
    private async Task WaitForIngestAsync(ScenarioPlayer player, CancellationToken cancellationToken)
    {
        var sensors = scenario.Expectations.Select(e => e.Sensor).OfType<string>().Distinct(StringComparer.Ordinal)
            .Where(s => player.LastStamps.ContainsKey(new SensorId(s))).ToList();
        await PollAsync(async ct =>
        {
            var latest = await api.LatestAsync(ct);
            return sensors.All(s => latest.TryGetValue(s, out var at) && at >= player.LastStamps[new SensorId(s)]);
        }, cancellationToken);
    }

    private async Task<ExpectationResult> ExcursionAsync(Expectation e, ScenarioPlayer player, CancellationToken cancellationToken)
    {
        var (match, seen) = await FindAsync(e, player, cancellationToken);
        if (match is { } m)
        {
            _matched.Add(m.GetProperty("id").GetString()!);
            var evidence = Describe(m, player) + await AuditEvidenceAsync(m, cancellationToken);
            if (!RecordedValues.AppliesTo(m))
            {
                return Result(e, true, evidence);
            }
            var (consistent, values) = await RecordedValuesAsync(m, player, cancellationToken);
            return Result(e, consistent, evidence + "; " + values);
        }
        return Result(e, false, seen.Count == 0 ? "no excursion" : "none matching; seen: " + string.Join("; ", seen.Select(x => Describe(x, player))));
    }

    /// <summary>Polls for a new excursion matching <paramref name="e"/> that started in its window (and, with
    /// <see cref="Expectation.Returned"/>, has returned to normal).</summary>
    private async Task<(JsonElement? Match, IReadOnlyList<JsonElement> Seen)> FindAsync(Expectation e, ScenarioPlayer player, CancellationToken cancellationToken)
    {
        var to = e.Within is { } within ? e.After + within : scenario.Duration;
        JsonElement? match = null;
        IReadOnlyList<JsonElement> seen = [];
        await PollAsync(async ct =>
        {
            seen = [.. (await api.ExcursionsAsync(e.Sensor, e.Room, ct)).Where(x => !_before.Contains(x.GetProperty("id").GetString()!))];
            match = seen.Cast<JsonElement?>().FirstOrDefault(x => Matches(x!.Value, e, player) && InWindow(x.Value, e.After, to, player)
                && (!e.Returned || Ended(x.Value)));
            return match is not null;
        }, cancellationToken);
        return (match, seen);
    }

    /// <summary>The record's trigger, peak, end and limits version against the readings the service stored (polled: the
    /// record may be written before the last of its readings reaches InfluxDB).</summary>
    private async Task<(bool Consistent, string Observed)> RecordedValuesAsync(JsonElement match, ScenarioPlayer player, CancellationToken cancellationToken)
    {
        var id = match.GetProperty("id").GetString()!;
        var check = (Passed: false, Observed: "not checked");
        await PollAsync(async ct =>
        {
            var record = await api.ExcursionAsync(id, ct) ?? match;
            var from = record.GetProperty("startedAt").GetDateTimeOffset();
            var to = Ended(record) ? record.GetProperty("endedAt").GetDateTimeOffset() : time.GetUtcNow().AddMinutes(1);
            var stored = await api.StoredValuesAsync(record.GetProperty("sensor").GetString()!, RecordedValues.WireParameter(record), from, to, ct);
            check = RecordedValues.Check(record, player.Facility, stored);
            return check.Passed;
        }, cancellationToken);
        return check;
    }

    /// <summary>Where the record's raising sits in the audit trail: its sequence number and the time the service wrote.</summary>
    private async Task<string> AuditEvidenceAsync(JsonElement match, CancellationToken cancellationToken)
    {
        var raised = (await api.AuditAsync(match.GetProperty("id").GetString(), cancellationToken))
            .FirstOrDefault(r => r.GetProperty("entry").GetProperty("action").GetString() == "excursion.raised");
        return raised.ValueKind == JsonValueKind.Object
            ? string.Create(CultureInfo.InvariantCulture,
                $"; raised in audit entry #{raised.GetProperty("sequence").GetInt64()} ({raised.GetProperty("entry").GetProperty("at").GetDateTimeOffset().UtcDateTime:yyyy-MM-ddTHH:mm:ss.fffZ})")
            : "; no audit entry of its raising";
    }

    private static bool Ended(JsonElement x) => x.TryGetProperty("endedAt", out var ended) && ended.ValueKind != JsonValueKind.Null;

    /// <summary>The signed sequence on the excursion the expectation names, once it has returned to normal (only then may it close).</summary>
    private async Task<ExpectationResult> AcknowledgeCloseAsync(Expectation e, ScenarioPlayer player, CancellationToken cancellationToken)
    {
        if (Records?.Signer is null)
        {
            return NotRun(e, "no signer given (--signer, with the password in CLEANROOM_OQ_SIGNER_PASSWORD)");
        }
        var (match, seen) = await FindAsync(e with { Returned = true }, player, cancellationToken);
        if (match is not { } m)
        {
            return Result(e, false, seen.Count == 0 ? "no excursion to review" : "none matching and returned to normal; seen: " + string.Join("; ", seen.Select(x => Describe(x, player))));
        }
        _matched.Add(m.GetProperty("id").GetString()!);
        return Result(e, await Records.SignedSequenceAsync(m, $"OQ-{player.RunId}", cancellationToken));
    }

    /// <summary>The alarm of the excursion the expectation names reached the kit's SMTP sink and gateway listener within
    /// the limit. The breach is the excursion's start, the time stamp of the first reading beyond the limit, which is the
    /// kit's own wall clock when the scenario plays in real time (its <c>realTimeFrom</c>), so both ends of the latency
    /// are read on the kit's clock.</summary>
    private async Task<ExpectationResult> AlarmDeliveryAsync(Expectation e, ScenarioPlayer player, CancellationToken cancellationToken)
    {
        if (Alarms is null)
        {
            return NotRun(e, "no SMTP sink and gateway listener (--smtp-port, --gateway-port) for the installation to send to");
        }
        var (match, seen) = await FindAsync(e, player, cancellationToken);
        if (match is not { } m)
        {
            return Result(e, false, seen.Count == 0 ? "no excursion" : "none matching; seen: " + string.Join("; ", seen.Select(x => Describe(x, player))));
        }
        _matched.Add(m.GetProperty("id").GetString()!);
        return Result(e, await Alarms.CheckAsync(m.GetProperty("id").GetGuid(), m.GetProperty("startedAt").GetDateTimeOffset(), e.Limit, patience, cancellationToken));
    }

    /// <summary>The room entered the state in the window (device time or, for windows and deadlines, the service's clock),
    /// as the audit trail records it, for a reason containing <see cref="Expectation.Rule"/>.</summary>
    private async Task<ExpectationResult> RoomStateAsync(Expectation e, ScenarioPlayer player, CancellationToken cancellationToken)
    {
        var to = e.Within is { } within ? e.After + within : scenario.Duration;
        var from = player.Clock.Stamp(e.After) - Slack;
        var until = player.Clock.WallAt(to) + Slack;
        IReadOnlyList<(DateTimeOffset At, string State, string Reason)> changes = [];
        (DateTimeOffset At, string State, string Reason)? match = null;
        await PollAsync(async ct =>
        {
            changes = [.. (await api.AuditAsync(e.Room!, ct)).Select(r => r.GetProperty("entry"))
                .Where(entry => entry.GetProperty("action").GetString() == "room.state-changed")
                .Select(entry => (At: entry.GetProperty("at").GetDateTimeOffset(), State: StateOf(entry), Reason: entry.GetProperty("reason").GetString() ?? ""))
                .Where(c => c.At >= from && c.At <= until)];
            match = changes.Cast<(DateTimeOffset At, string State, string Reason)?>().FirstOrDefault(c => c!.Value.State == e.State
                && (e.Rule is null || c.Value.Reason.Contains(e.Rule, StringComparison.OrdinalIgnoreCase)));
            return match is not null;
        }, cancellationToken);
        string Text((DateTimeOffset At, string State, string Reason) c) =>
            FormattableString.Invariant($"{c.State} at {c.At:HH:mm:ss}Z (scenario {Offset(c.At, player)}): \"{c.Reason}\"");
        return match is { } m
            ? Result(e, true, "audit trail: room " + e.Room + " " + Text(m))
            : Result(e, false, changes.Count == 0 ? "no state change of room " + e.Room + " in the window" : "none matching; seen: " + string.Join("; ", changes.Select(Text)));
    }

    private static string StateOf(JsonElement entry)
    {
        using var change = JsonDocument.Parse(entry.GetProperty("newValue").GetString() ?? "{}");
        return change.RootElement.TryGetProperty("State", out var state) ? state.GetString() ?? "" : "";
    }

    private static string Offset(DateTimeOffset at, ScenarioPlayer player)
    {
        var offset = at - player.Clock.Stamp(TimeSpan.Zero);
        return FormattableString.Invariant($"{(int)offset.TotalMinutes}m{Math.Abs(offset.Seconds):00}s");
    }

    private IEnumerable<string> Batches(ScenarioPlayer player) =>
        scenario.Events.Where(e => e.Type == ScenarioEventType.BatchStart).Select(e => player.BatchNumber(e.Batch!)).Distinct(StringComparer.Ordinal);

    private async Task<ExpectationResult> NoExcursionAsync(Expectation e, ScenarioPlayer player, CancellationToken cancellationToken)
    {
        var to = e.Until ?? scenario.Duration;
        var found = (await api.ExcursionsAsync(e.Sensor, e.Room, cancellationToken))
            .Where(x => !_before.Contains(x.GetProperty("id").GetString()!) && Matches(x, e, player) && InWindow(x, e.From, to, player)).ToList();
        return found.Count == 0
            ? Result(e, true, "no excursion")
            : Result(e, false, string.Join("; ", found.Select(x => Describe(x, player))));
    }

    private async Task<ExpectationResult> RejectionAsync(Expectation e, CancellationToken cancellationToken)
    {
        long counted = 0;
        await PollAsync(async ct =>
        {
            var now = await api.RejectionsAsync(ct);
            counted = now.GetValueOrDefault(e.Reason!) - _rejectionsBefore.GetValueOrDefault(e.Reason!);
            return counted >= e.AtLeast;
        }, cancellationToken);
        var observed = string.Create(CultureInfo.InvariantCulture, $"{e.Reason} counted {counted} time(s) during the run");
        return Result(e, counted >= e.AtLeast, observed);
    }

    private static bool Matches(JsonElement x, Expectation e, ScenarioPlayer player)
    {
        if (e.Kind is { } kind && x.GetProperty("kind").GetString() != kind.ToString())
        {
            return false;
        }
        if (e.Level is { } level && x.GetProperty("level").GetString() != level
            && !x.GetProperty("history").EnumerateArray().Any(h => h.GetProperty("level").GetString() == level))
        {
            return false;
        }
        if (e.Parameter is { } name && ParameterCatalog.TryParse(name, out var info)
            && !string.Equals(x.GetProperty("parameter").ToString(), info.Parameter.ToString(), StringComparison.OrdinalIgnoreCase))
        {
            return false;
        }
        if (e.Batch is { } batch && !x.GetProperty("batches").EnumerateArray().Any(b => b.GetString() == player.BatchNumber(batch)))
        {
            return false;
        }
        return e.Rule is null || (x.GetProperty("rule").GetString() ?? "").Contains(e.Rule, StringComparison.OrdinalIgnoreCase);
    }

    /// <summary>The start lies in the window in device time, or in wall time for rules the service judges by its own clock.</summary>
    private static bool InWindow(JsonElement x, TimeSpan from, TimeSpan to, ScenarioPlayer player)
    {
        var started = x.GetProperty("startedAt").GetDateTimeOffset();
        var clock = player.Clock;
        var byStamp = started >= clock.Stamp(from) - Slack && started <= clock.Stamp(to) + Slack;
        var serviceClock = x.GetProperty("kind").GetString() is "DataGap" or "CommunicationLoss" or "CleanUpNotRecovered";
        // A data gap starts at the last reading received, up to a few intervals before the silence is noticed.
        var byWall = serviceClock && started >= clock.WallAt(from) - TimeSpan.FromSeconds(15) && started <= clock.WallAt(to) + Slack;
        return byStamp || byWall;
    }

    private static string Describe(JsonElement x, ScenarioPlayer player)
    {
        var started = x.GetProperty("startedAt").GetDateTimeOffset();
        var offset = started - player.Clock.Stamp(TimeSpan.Zero);
        var batches = string.Join(",", x.GetProperty("batches").EnumerateArray().Select(b => b.GetString()));
        var sensor = x.TryGetProperty("sensor", out var s) && s.ValueKind == JsonValueKind.String ? s.GetString() : x.GetProperty("room").ToString();
        var text = FormattableString.Invariant(
            $"{x.GetProperty("level").GetString()} {x.GetProperty("kind").GetString()} on {sensor} started {started.UtcDateTime:yyyy-MM-ddTHH:mm:ss.fffZ} (scenario {(int)offset.TotalMinutes}m{offset.Seconds:00}s), rule \"{x.GetProperty("rule").GetString()}\", record {x.GetProperty("id").GetString()}");
        return batches.Length > 0 ? $"{text}, batches {batches}" : text;
    }

    private static ExpectationResult Result(Expectation e, bool passed, string observed) =>
        new("", e.Requirement, e.Describe(), observed, passed) { Clause = e.Clause };

    private static ExpectationResult Result(Expectation e, (bool Passed, string Observed) check) => Result(e, check.Passed, check.Observed);

    /// <summary>A requirement the run could not test is not met: the OQ report says so rather than passing it.</summary>
    private static ExpectationResult NotRun(Expectation e, string why) => Result(e, false, "not run: " + why);

    /// <summary>Polls a condition until it holds or <c>patience</c> runs out (the result then says what was seen).</summary>
    private async Task PollAsync(Func<CancellationToken, Task<bool>> condition, CancellationToken cancellationToken)
    {
        var deadline = time.GetUtcNow() + patience;
        while (!await condition(cancellationToken) && time.GetUtcNow() < deadline)
        {
            await Task.Delay(TimeSpan.FromMilliseconds(100), time, cancellationToken);
        }
    }
}
