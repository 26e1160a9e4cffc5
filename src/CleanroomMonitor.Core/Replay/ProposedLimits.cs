using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using CleanroomMonitor.Core.Configuration;
using CleanroomMonitor.Core.Facility;
using CleanroomMonitor.Core.Limits;

namespace CleanroomMonitor.Core.Replay;

/// <summary>A proposed change of limits: for some rooms and sensors, for some parameters, the values that change. Each
/// is merged over that room's or sensor's own limits in the facility definition, field by field (a value not named
/// stays as it is), so <see cref="Apply"/> gives the same facility with only those values changed.</summary>
public sealed record ProposedLimits(
    IReadOnlyDictionary<RoomId, IReadOnlyDictionary<Parameter, LimitSpec>> Rooms,
    IReadOnlyDictionary<SensorId, IReadOnlyDictionary<Parameter, LimitSpec>> Sensors)
{
    /// <summary>Reads a proposal written as <c>{ "rooms": { id: { parameter: limits } }, "sensors": { … } }</c>, the limits as
    /// the facility file writes them, and checks it against <paramref name="facility"/>.</summary>
    /// <param name="source">What the text is, as an error names it ("request body").</param>
    /// <param name="pathPrefix">Where the proposal sits in <paramref name="source"/>, prefixed to every error path ("$.proposed").</param>
    /// <exception cref="ConfigurationException">Every problem found, each with its path, value and what was expected.</exception>
    public static ProposedLimits Read(string json, FacilityDefinition facility, string source, string pathPrefix = "$")
    {
        ArgumentNullException.ThrowIfNull(facility);
        // The same reader as a limit change's limits (LimitSpecJson), so both refuse the same text in the same words.
        var errors = new List<ConfigError>();
        if (LimitSpecJson.Deserialize(json, source, pathPrefix, LimitSpecFileContext.Default.ProposedLimitsFile, "proposed limits", errors) is not { } file)
        {
            throw new ConfigurationException(errors);
        }
        void Error(string path, string? value, string expected) => errors.Add(new ConfigError(source, path, value, expected));
        var reader = LimitSpecJson.Reader(source, errors);
        var rooms = new Dictionary<RoomId, IReadOnlyDictionary<Parameter, LimitSpec>>();
        foreach (var (id, block) in file.Rooms ?? [])
        {
            var path = $"{pathPrefix}.rooms.{id}";
            if (!facility.TryGetRoom(new RoomId(id), out var room))
            {
                Error(path, id, $"a room of the facility ({string.Join(", ", facility.Rooms.Select(r => r.Id.Value))})");
                continue;
            }
            rooms[room.Id] = Checked(reader.ReadAll(block, path, null), room.Limits, path, reader);
        }
        var sensors = new Dictionary<SensorId, IReadOnlyDictionary<Parameter, LimitSpec>>();
        foreach (var (id, block) in file.Sensors ?? [])
        {
            var path = $"{pathPrefix}.sensors.{id}";
            if (!facility.TryGetSensor(new SensorId(id), out var sensor))
            {
                Error(path, id, "a sensor of the facility");
                continue;
            }
            sensors[sensor.Id] = Checked(reader.ReadAll(block, path, sensor.Parameters), sensor.Limits, path, reader);
        }
        if (errors.Count == 0 && rooms.Values.Concat(sensors.Values).All(b => b.Count == 0))
        {
            Error(pathPrefix, null, "at least one room or sensor limit to change");
        }
        if (errors.Count > 0)
        {
            throw new ConfigurationException(errors);
        }
        var proposal = new ProposedLimits(rooms, sensors);
        proposal.CheckInForce(facility, pathPrefix, Error);
        return errors.Count > 0 ? throw new ConfigurationException(errors) : proposal;
    }

    /// <summary>An alert level beyond the action limit in force (which may come from another layer, such as the Annex 1
    /// default) would never warn before the action: checked on the limits each changed sensor would be judged by.</summary>
    private void CheckInForce(FacilityDefinition facility, string pathPrefix, Action<string, string?, string> error)
    {
        var proposed = Apply(facility);
        var book = new LimitBook(proposed);
        var changed = Sensors.SelectMany(s => s.Value.Keys.Select(p => (Sensor: s.Key, Parameter: p, Path: $"{pathPrefix}.sensors.{s.Key}.{p.WireName()}")))
            .Concat(Rooms.SelectMany(r => r.Value.Keys.SelectMany(p => facility.SensorsIn(r.Key).Where(s => s.Measures(p))
                .Select(s => (Sensor: s.Id, Parameter: p, Path: $"{pathPrefix}.rooms.{r.Key}.{p.WireName()}")))));
        foreach (var (sensorId, parameter, path) in changed)
        {
            var sensor = proposed.TryGetSensor(sensorId, out var found) ? found : throw new InvalidOperationException($"sensor {sensorId} vanished from the proposal");
            foreach (var state in (ReadOnlySpan<RoomState>)[RoomState.AtRest, RoomState.InOperation])
            {
                if (book.Resolve(sensor, parameter, state) is { } set && (set.Alert.High > set.Action.High || set.Alert.Low < set.Action.Low))
                {
                    var high = set.Alert.High > set.Action.High;
                    error(path + (high ? ".alert.high" : ".alert.low"), Text(high ? set.Alert.High : set.Alert.Low),
                        $"an alert level at or inside the action limit in force for sensor {sensorId} {(state == RoomState.AtRest ? "at rest" : "in operation")} ({Text(high ? set.Action.High : set.Action.Low)}, {set.Source})");
                    break;
                }
            }
        }
    }

    /// <summary>The facility definition with the proposal merged in; its version is the current one's followed by a hash
    /// of the change, so a comparison names exactly which proposal it judged.</summary>
    public FacilityDefinition Apply(FacilityDefinition current)
    {
        ArgumentNullException.ThrowIfNull(current);
        var rooms = current.Rooms.Select(r => Rooms.TryGetValue(r.Id, out var change) ? r with { Limits = Merge(r.Limits, change) } : r).ToList();
        var sensors = current.Sensors.Select(s => Sensors.TryGetValue(s.Id, out var change) ? s with { Limits = Merge(s.Limits, change) } : s).ToList();
        return new FacilityDefinition(current.Site, rooms, sensors, $"{current.Version}+proposed-{Hash()}") { GradeLimits = current.GradeLimits };
    }

    /// <summary>A layer's limit after the change: each field the change names replaces the layer's own.</summary>
    public static LimitSpec Merge(LimitSpec? own, LimitSpec change)
    {
        ArgumentNullException.ThrowIfNull(change);
        if (own is null)
        {
            return change;
        }
        return new LimitSpec(
            own.Alert.Override(change.Alert),
            change.NoActionLimit ? Band.None : own.Action.Override(change.Action),
            change.Delay ?? own.Delay,
            change.DelaySamples ?? own.DelaySamples,
            change.Justification ?? own.Justification,
            change.Deadband ?? own.Deadband,
            change.Sign ?? own.Sign,
            change.ConsecutiveSamples ?? own.ConsecutiveSamples,
            change.OccurrencesN ?? own.OccurrencesN,
            change.OccurrencesN is null ? own.OccurrencesM : change.OccurrencesM,
            change.CumulativeVolumeLitres ?? own.CumulativeVolumeLitres,
            change.NoActionLimit || (own.NoActionLimit && !change.Action.IsSet),
            change.AtRest is { } atRest ? Merge(own.AtRest, atRest) : own.AtRest,
            change.InOperation is { } inOperation ? Merge(own.InOperation, inOperation) : own.InOperation);
    }

    private static Dictionary<Parameter, LimitSpec> Merge(IReadOnlyDictionary<Parameter, LimitSpec> own, IReadOnlyDictionary<Parameter, LimitSpec> change)
    {
        var merged = own.ToDictionary();
        foreach (var (parameter, spec) in change)
        {
            merged[parameter] = Merge(own.GetValueOrDefault(parameter), spec);
        }
        return merged;
    }

    /// <summary>The checks the facility reader makes on a limits block, on the block as it would be after the change.</summary>
    private static Dictionary<Parameter, LimitSpec> Checked(Dictionary<Parameter, LimitSpec> change, IReadOnlyDictionary<Parameter, LimitSpec> own, string path,
        LimitSpecReader reader)
    {
        foreach (var (parameter, spec) in change)
        {
            reader.Check(Merge(own.GetValueOrDefault(parameter), spec), $"{path}.{parameter.WireName()}");
        }
        return change;
    }

    private string Hash()
    {
        var text = new StringBuilder();
        foreach (var (room, change) in Rooms.OrderBy(r => r.Key.Value, StringComparer.Ordinal))
        {
            text.Append(CultureInfo.InvariantCulture, $"room {room}: ").AppendJoin("; ", change.OrderBy(c => c.Key).Select(c => $"{c.Key}={c.Value}")).Append('\n');
        }
        foreach (var (sensor, change) in Sensors.OrderBy(s => s.Key.Value, StringComparer.Ordinal))
        {
            text.Append(CultureInfo.InvariantCulture, $"sensor {sensor}: ").AppendJoin("; ", change.OrderBy(c => c.Key).Select(c => $"{c.Key}={c.Value}")).Append('\n');
        }
        return Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(text.ToString())))[..12];
    }

    private static string? Text(double? value) => value?.ToString(CultureInfo.InvariantCulture);
}
