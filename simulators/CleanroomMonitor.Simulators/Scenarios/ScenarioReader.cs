using System.Globalization;
using System.Text.Json;
using CleanroomMonitor.Core.Configuration;
using CleanroomMonitor.Core.Excursions;
using CleanroomMonitor.Core.Facility;
using CleanroomMonitor.Core.Readings;

namespace CleanroomMonitor.Simulators.Scenarios;

/// <summary>Reads a scenario file (JSON with comments and trailing commas, like the facility file) and lists every
/// problem at once, each with the file, the JSON path and the value. Given a facility, also checks that the rooms,
/// sensors and parameters it names exist there.</summary>
internal static class ScenarioReader
{
    private static readonly JsonDocumentOptions Options = new() { CommentHandling = JsonCommentHandling.Skip, AllowTrailingCommas = true };
    private static readonly string[] PayloadKinds = ["truncated", "not-finite", "negative-count", "no-volume", "wrong-type"];
    private static readonly string[] ScenarioKeys = ["name", "description", "facility", "duration", "seed", "realTimeFrom", "events", "expect"];
    private static readonly string[] WindowKinds = ["non-monitoring", "operation"];
    private static readonly string[] RoomStates = Enum.GetNames<Core.Limits.RoomState>();
    private static readonly string[] EventKeys = ["at", "type", "batch", "rooms", "product", "tenant", "process", "room", "sensor", "duration", "samples",
        "size", "perCubicMetre", "count", "counts", "dropPa", "pressurePa", "parameter", "value", "faults", "skew", "payload", "repeat", "co2Drop", "temperatureDrop", "risePeak", "kind", "reason"];
    private static readonly string[] ExpectKeys = ["type", "requirement", "kind", "level", "sensor", "room", "parameter", "after", "within", "batch", "rule",
        "reason", "atLeast", "from", "until", "returned", "state"];

    public static Scenario Load(string path, FacilityDefinition? facility = null) =>
        Parse(File.ReadAllText(path), path, facility);

    public static Scenario Parse(string json, string file, FacilityDefinition? facility = null)
    {
        var errors = new List<ConfigError>();
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(json, Options);
        }
        catch (JsonException ex)
        {
            throw new ConfigurationException([new ConfigError(file, $"line {ex.LineNumber + 1}", null, "valid JSON: " + ex.Message)]);
        }
        using (document)
        {
            var root = new Fields(document.RootElement, "$", file, errors);
            root.OnlyKeys(ScenarioKeys);
            var name = root.String("name", required: true) ?? "";
            var duration = root.Duration("duration", required: true) ?? TimeSpan.Zero;
            if (duration <= TimeSpan.Zero && root.Has("duration"))
            {
                errors.Add(new ConfigError(file, "$.duration", root.Raw("duration"), "a duration above 0"));
            }
            var realTimeFrom = root.Duration("realTimeFrom");
            if (realTimeFrom > duration)
            {
                errors.Add(new ConfigError(file, "$.realTimeFrom", root.Raw("realTimeFrom"), $"a time within the scenario's duration ({duration})"));
            }
            var events = new List<ScenarioEvent>();
            foreach (var (element, path) in root.Array("events"))
            {
                if (ReadEvent(new Fields(element, path, file, errors), duration, facility) is { } e)
                {
                    events.Add(e);
                }
            }
            var expectations = new List<Expectation>();
            foreach (var (element, path) in root.Array("expect"))
            {
                if (ReadExpectation(new Fields(element, path, file, errors), facility) is { } e)
                {
                    expectations.Add(e);
                }
            }
            if (expectations.Count == 0 && errors.Count == 0)
            {
                errors.Add(new ConfigError(file, "$.expect", null, "at least one expectation"));
            }
            foreach (var expectation in expectations.Where(e => e.Batch is not null && !events.Any(v => v.Batch == e.Batch)))
            {
                errors.Add(new ConfigError(file, expectation.Path + ".batch", expectation.Batch, "a batch started by an event of this scenario"));
            }
            foreach (var window in events.Where(e => e.Type == ScenarioEventType.Window && (realTimeFrom is null || e.At < realTimeFrom)))
            {
                // The service applies windows on its own clock: device time must agree with it, which it does only in the real-time part.
                errors.Add(new ConfigError(file, window.Path + ".at", Fmt(window.At),
                    "a window inside the scenario's real-time part: set realTimeFrom at or before it (windows are applied on the service's clock)"));
            }
            if (errors.Count > 0)
            {
                throw new ConfigurationException(errors);
            }
            return new Scenario(name, root.String("description") ?? "", file, root.String("facility"), duration, root.Int("seed") ?? 1,
                [.. events.OrderBy(e => e.At)], expectations, realTimeFrom);
        }
    }

    private static ScenarioEvent? ReadEvent(Fields f, TimeSpan duration, FacilityDefinition? facility)
    {
        f.OnlyKeys(EventKeys);
        var at = f.Duration("at", required: true);
        var typeText = f.String("type", required: true);
        if (at is null || typeText is null)
        {
            return null;
        }
        if (!TryParseType(typeText, out var type))
        {
            f.Error("type", typeText, "one of " + string.Join(", ", Enum.GetValues<ScenarioEventType>().Select(Kebab)));
            return null;
        }
        if (at > duration)
        {
            f.Error("at", f.Raw("at"), $"a time within the scenario's duration ({duration})");
        }
        var e = new ScenarioEvent(at.Value, type, f.Path)
        {
            Batch = f.String("batch"),
            Rooms = f.Strings("rooms"),
            Product = f.String("product") ?? "simulated product",
            Tenant = f.String("tenant") ?? "simulated-tenant",
            Process = f.String("process") ?? "open",
            Room = f.String("room"),
            Sensor = f.String("sensor"),
            Duration = f.Duration("duration") ?? TimeSpan.Zero,
            Samples = f.Int("samples"),
            Size = f.String("size") is { } size ? ParseSize(f, size) : null,
            PerCubicMetre = f.Number("perCubicMetre") ?? 0,
            Count = f.Int("count"),
            Counts = f.Counts("counts"),
            DropPa = f.Number("dropPa") ?? 6,
            PressurePa = f.Number("pressurePa") ?? 1,
            Parameter = f.String("parameter") is { } p ? ParseParameter(f, "parameter", p) : null,
            Value = f.Number("value") ?? 0,
            Faults = ParseFaults(f),
            Skew = f.SignedDuration("skew") ?? TimeSpan.Zero,
            PayloadKind = f.String("payload") ?? "truncated",
            Repeat = f.Int("repeat") ?? 1,
            Co2Drop = f.Number("co2Drop") ?? 1.5,
            TemperatureDrop = f.Number("temperatureDrop") ?? 0.8,
            RisePeak = f.Number("risePeak") ?? 7,
            WindowKind = f.String("kind") ?? "non-monitoring",
            Reason = f.String("reason"),
        };
        if (e.End > duration)
        {
            f.Error("duration", f.Raw("duration"), $"an event that ends within the scenario's duration ({duration})");
        }
        Require(f, e, type, facility);
        return e;
    }

    private static void Require(Fields f, ScenarioEvent e, ScenarioEventType type, FacilityDefinition? facility)
    {
        switch (type)
        {
            case ScenarioEventType.BatchStart:
                f.Need("batch", e.Batch);
                if (e.Rooms.Count == 0)
                {
                    f.Error("rooms", f.Raw("rooms"), "one or more room ids");
                }
                foreach (var room in e.Rooms)
                {
                    CheckRoom(f, "rooms", room, facility);
                }
                break;
            case ScenarioEventType.BatchEnd:
                f.Need("batch", e.Batch);
                break;
            case ScenarioEventType.DoorOpen or ScenarioEventType.ParticleBurst:
                if ((e.Room is null) == (e.Sensor is null))
                {
                    f.Error("room", e.Room, "either a room or a sensor");
                }
                break;
            case ScenarioEventType.FanLoss:
                f.Need("room", e.Room);
                break;
            case ScenarioEventType.Window:
                f.Need("room", e.Room);
                f.Need("reason", e.Reason);
                if (!WindowKinds.Contains(e.WindowKind, StringComparer.Ordinal))
                {
                    f.Error("kind", e.WindowKind, "non-monitoring or operation");
                }
                break;
            case ScenarioEventType.Silent or ScenarioEventType.Fault or ScenarioEventType.ClockSkew or ScenarioEventType.Malformed or ScenarioEventType.Defrost:
                f.Need("sensor", e.Sensor);
                break;
            case ScenarioEventType.Set:
                f.Need("sensor", e.Sensor);
                f.Need("parameter", e.Parameter?.ToString());
                f.Need("value", f.Raw("value"));
                break;
        }
        if (type is ScenarioEventType.DoorOpen or ScenarioEventType.Silent or ScenarioEventType.FanLoss or ScenarioEventType.Set
            or ScenarioEventType.ClockSkew or ScenarioEventType.Window && e.Samples is null && e.Duration <= TimeSpan.Zero)
        {
            f.Error("duration", f.Raw("duration"), "a duration above 0");
        }
        if (type is ScenarioEventType.ParticleBurst or ScenarioEventType.Fault && e.Samples is null && e.Duration <= TimeSpan.Zero)
        {
            f.Error("duration", f.Raw("duration"), "a duration above 0, or a number of samples");
        }
        if (type == ScenarioEventType.ParticleBurst && e.Count is null && e.Counts.Count == 0 && e.PerCubicMetre <= 0)
        {
            f.Error("perCubicMetre", f.Raw("perCubicMetre"), "particles per m³ above 0, or an exact count per sample (count or counts)");
        }
        if (e.Count is not null && e.Counts.Count > 0)
        {
            f.Error("counts", f.Raw("counts"), "either count or counts, not both");
        }
        if (type == ScenarioEventType.Fault && e.Faults == SampleFaults.None)
        {
            f.Error("faults", f.Raw("faults"), "one or more of laser, flow, overflow, service, sampler, calibration");
        }
        if (type == ScenarioEventType.Malformed && !PayloadKinds.Contains(e.PayloadKind, StringComparer.Ordinal))
        {
            f.Error("payload", e.PayloadKind, "one of " + string.Join(", ", PayloadKinds));
        }
        if (type == ScenarioEventType.ClockSkew && e.Skew == TimeSpan.Zero)
        {
            f.Error("skew", f.Raw("skew"), "a clock offset such as 30m or -10m");
        }
        if (e.Room is not null)
        {
            CheckRoom(f, "room", e.Room, facility);
        }
        if (e.Sensor is not null)
        {
            // A Modbus device can only be silenced (its unit stops answering the poller); every other event is played over MQTT.
            CheckSensor(f, "sensor", e.Sensor, facility, e.Parameter, allowModbus: type == ScenarioEventType.Silent);
        }
    }

    private static Expectation? ReadExpectation(Fields f, FacilityDefinition? facility)
    {
        f.OnlyKeys(ExpectKeys);
        var typeText = f.String("type", required: true);
        var requirement = f.String("requirement", required: true);
        if (typeText is null || requirement is null)
        {
            return null;
        }
        ExpectationType type;
        switch (typeText)
        {
            case "excursion": type = ExpectationType.Excursion; break;
            case "no-excursion": type = ExpectationType.NoExcursion; break;
            case "rejection": type = ExpectationType.Rejection; break;
            case "room-state": type = ExpectationType.RoomState; break;
            case "acknowledge-close": type = ExpectationType.AcknowledgeClose; break;
            case "audit": type = ExpectationType.Audit; break;
            case "backup": type = ExpectationType.Backup; break;
            default:
                f.Error("type", typeText, "excursion, no-excursion, rejection, room-state, acknowledge-close, audit or backup");
                return null;
        }
        ExcursionKind? kind = null;
        if (f.String("kind") is { } kindText)
        {
            if (Enum.TryParse<ExcursionKind>(kindText, ignoreCase: false, out var k) && Enum.IsDefined(k))
            {
                kind = k;
            }
            else
            {
                f.Error("kind", kindText, "an excursion kind: " + string.Join(", ", Enum.GetNames<ExcursionKind>()));
            }
        }
        var level = f.String("level");
        if (level is not null and not ("Alert" or "Action"))
        {
            f.Error("level", level, "Alert or Action");
        }
        var e = new Expectation(type, requirement, f.Path)
        {
            Kind = kind,
            Level = level,
            Sensor = f.String("sensor"),
            Room = f.String("room"),
            Parameter = f.String("parameter"),
            After = f.Duration("after") ?? TimeSpan.Zero,
            Within = f.Duration("within"),
            Batch = f.String("batch"),
            Rule = f.String("rule"),
            Reason = f.String("reason"),
            AtLeast = f.Int("atLeast") ?? 1,
            From = f.Duration("from") ?? TimeSpan.Zero,
            Until = f.Duration("until"),
            Returned = f.Bool("returned") ?? false,
            State = f.String("state"),
        };
        if (type is ExpectationType.Excursion or ExpectationType.AcknowledgeClose)
        {
            f.Need("kind", e.Kind?.ToString());
        }
        if (type is ExpectationType.Excursion or ExpectationType.NoExcursion or ExpectationType.AcknowledgeClose && (e.Sensor is null) == (e.Room is null))
        {
            f.Error("sensor", e.Sensor, "either a sensor or a room");
        }
        if (type == ExpectationType.RoomState)
        {
            f.Need("room", e.Room);
            if (!RoomStates.Contains(e.State, StringComparer.Ordinal))
            {
                f.Error("state", e.State, "a room state: " + string.Join(", ", RoomStates));
            }
        }
        if (type == ExpectationType.Rejection && (e.Reason is null || !Enum.TryParse<Core.Ingest.RejectionReason>(e.Reason, out _)))
        {
            f.Error("reason", e.Reason, "a rejection reason: " + string.Join(", ", Enum.GetNames<Core.Ingest.RejectionReason>()));
        }
        if (e.Parameter is not null && !ParameterCatalog.TryParse(e.Parameter, out _))
        {
            f.Error("parameter", e.Parameter, "a parameter: " + ParameterCatalog.Names);
        }
        if (e.Sensor is not null)
        {
            CheckSensor(f, "sensor", e.Sensor, facility, null, anySource: true);
        }
        if (e.Room is not null)
        {
            CheckRoom(f, "room", e.Room, facility);
        }
        return e;
    }

    private static void CheckRoom(Fields f, string key, string room, FacilityDefinition? facility)
    {
        if (facility is not null && !facility.TryGetRoom(new RoomId(room), out _))
        {
            f.Error(key, room, $"a room of facility {facility.Site.Id}");
        }
    }

    private static void CheckSensor(Fields f, string key, string sensor, FacilityDefinition? facility, Parameter? parameter,
        bool allowModbus = false, bool anySource = false)
    {
        if (facility is null)
        {
            return;
        }
        if (!facility.TryGetSensor(new SensorId(sensor), out var s))
        {
            f.Error(key, sensor, $"a sensor of facility {facility.Site.Id}");
        }
        else if (s.Topic is null && !anySource && !(allowModbus && s.Source == SensorSource.Modbus))
        {
            f.Error(key, sensor, allowModbus ? "an MQTT or Modbus sensor" : "an MQTT sensor (the scenario runner publishes over MQTT)");
        }
        else if (parameter is { } p && !s.Measures(p))
        {
            f.Error("parameter", p.WireName(), $"a parameter sensor {sensor} measures ({string.Join(", ", s.Parameters.Select(x => x.WireName()))})");
        }
    }

    private static Parameter? ParseSize(Fields f, string size) => size switch
    {
        "0.5" => Core.Facility.Parameter.ParticlesHalfMicron,
        "5.0" => Core.Facility.Parameter.ParticlesFiveMicron,
        "all" => null,
        _ => Fail(f, "size", size, "0.5, 5.0 or all"),
    };

    private static Parameter? ParseParameter(Fields f, string key, string name) =>
        ParameterCatalog.TryParse(name, out var info) ? info.Parameter : Fail(f, key, name, "a parameter: " + ParameterCatalog.Names);

    private static Parameter? Fail(Fields f, string key, string value, string expected)
    {
        f.Error(key, value, expected);
        return null;
    }

    private static SampleFaults ParseFaults(Fields f)
    {
        var faults = SampleFaults.None;
        foreach (var name in f.Strings("faults"))
        {
            // InconsistentCounts is not a status an instrument sends: the service finds it in the counts themselves.
            if (Enum.TryParse<SampleFaults>(name, ignoreCase: true, out var fault) && fault is not (SampleFaults.None or SampleFaults.InconsistentCounts)
                && name.All(char.IsLower))
            {
                faults |= fault;
            }
            else
            {
                f.Error("faults", name, "laser, flow, overflow, service, sampler, calibration, saturated or other");
            }
        }
        return faults;
    }

    private static bool TryParseType(string text, out ScenarioEventType type)
    {
        foreach (var candidate in Enum.GetValues<ScenarioEventType>())
        {
            if (Kebab(candidate) == text)
            {
                type = candidate;
                return true;
            }
        }
        type = default;
        return false;
    }

    private static string Fmt(TimeSpan t) => t.ToString("c", CultureInfo.InvariantCulture);

    /// <summary>BatchStart → batch-start.</summary>
    public static string Kebab(ScenarioEventType type) =>
        string.Concat(type.ToString().Select((c, i) => char.IsUpper(c) && i > 0 ? "-" + char.ToLowerInvariant(c) : char.ToLowerInvariant(c).ToString()));

    /// <summary>Typed access to one JSON object's fields that records a <see cref="ConfigError"/> instead of throwing.</summary>
    private sealed class Fields(JsonElement element, string path, string file, List<ConfigError> errors)
    {
        public string Path => path;

        public bool Has(string key) => element.ValueKind == JsonValueKind.Object && element.TryGetProperty(key, out _);

        public string? Raw(string key) => element.ValueKind == JsonValueKind.Object && element.TryGetProperty(key, out var v)
            ? (v.ValueKind == JsonValueKind.String ? v.GetString() : v.GetRawText()) : null;

        public void Error(string key, string? value, string expected) => errors.Add(new ConfigError(file, $"{path}.{key}", value, expected));

        public void Need(string key, string? value)
        {
            if (value is null && !errors.Any(e => e.Path == $"{path}.{key}"))
            {
                Error(key, null, "a value for this event type");
            }
        }

        public void OnlyKeys(string[] keys)
        {
            if (element.ValueKind != JsonValueKind.Object)
            {
                errors.Add(new ConfigError(file, path, element.GetRawText(), "an object"));
                return;
            }
            foreach (var property in element.EnumerateObject().Where(p => !keys.Contains(p.Name, StringComparer.Ordinal)))
            {
                errors.Add(new ConfigError(file, $"{path}.{property.Name}", property.Value.ToString(), "a known key: " + string.Join(", ", keys)));
            }
        }

        private JsonElement? Get(string key, bool required)
        {
            if (element.ValueKind == JsonValueKind.Object && element.TryGetProperty(key, out var value) && value.ValueKind != JsonValueKind.Null)
            {
                return value;
            }
            if (required && element.ValueKind == JsonValueKind.Object)
            {
                Error(key, null, "a value (required)");
            }
            return null;
        }

        public string? String(string key, bool required = false)
        {
            if (Get(key, required) is not { } v)
            {
                return null;
            }
            if (v.ValueKind == JsonValueKind.String && v.GetString() is { Length: > 0 } s)
            {
                return s;
            }
            Error(key, v.ToString(), "a non-empty string");
            return null;
        }

        public IReadOnlyList<string> Strings(string key)
        {
            if (Get(key, false) is not { } v)
            {
                return [];
            }
            if (v.ValueKind != JsonValueKind.Array || v.EnumerateArray().Any(i => i.ValueKind != JsonValueKind.String))
            {
                Error(key, v.GetRawText(), "an array of strings");
                return [];
            }
            return [.. v.EnumerateArray().Select(i => i.GetString()!)];
        }

        public double? Number(string key)
        {
            if (Get(key, false) is not { } v)
            {
                return null;
            }
            if (v.ValueKind == JsonValueKind.Number && v.TryGetDouble(out var d) && double.IsFinite(d))
            {
                return d;
            }
            Error(key, v.ToString(), "a number");
            return null;
        }

        public int? Int(string key)
        {
            if (Get(key, false) is not { } v)
            {
                return null;
            }
            if (v.ValueKind == JsonValueKind.Number && v.TryGetInt32(out var i) && i >= 0)
            {
                return i;
            }
            Error(key, v.ToString(), "a whole number, 0 or more");
            return null;
        }

        public bool? Bool(string key)
        {
            if (Get(key, false) is not { } v)
            {
                return null;
            }
            if (v.ValueKind is JsonValueKind.True or JsonValueKind.False)
            {
                return v.GetBoolean();
            }
            Error(key, v.ToString(), "true or false");
            return null;
        }

        /// <summary>An array of whole numbers, 0 or more (exact particle counts).</summary>
        public IReadOnlyList<long> Counts(string key)
        {
            if (Get(key, false) is not { } v)
            {
                return [];
            }
            if (v.ValueKind != JsonValueKind.Array || v.GetArrayLength() == 0
                || v.EnumerateArray().Any(i => i.ValueKind != JsonValueKind.Number || !i.TryGetInt64(out var n) || n < 0))
            {
                Error(key, v.GetRawText(), "a non-empty array of whole numbers, 0 or more");
                return [];
            }
            return [.. v.EnumerateArray().Select(i => i.GetInt64())];
        }

        public TimeSpan? Duration(string key, bool required = false)
        {
            if (Get(key, required) is not { } v)
            {
                return null;
            }
            if (v.ValueKind == JsonValueKind.String && DurationParser.TryParse(v.GetString(), out var d) && d >= TimeSpan.Zero)
            {
                return d;
            }
            Error(key, v.ToString(), "a duration such as 90s, 5m, 1h or hh:mm:ss");
            return null;
        }

        /// <summary>A duration that may be negative ("-10m"): a clock running slow.</summary>
        public TimeSpan? SignedDuration(string key)
        {
            if (Get(key, false) is not { } v)
            {
                return null;
            }
            var text = v.ValueKind == JsonValueKind.String ? v.GetString() ?? "" : "";
            var negative = text.StartsWith('-');
            if (DurationParser.TryParse(negative ? text[1..] : text, out var d))
            {
                return negative ? -d : d;
            }
            Error(key, v.ToString(), "a duration such as 30m or -10m");
            return null;
        }

        public List<(JsonElement Element, string Path)> Array(string key)
        {
            if (Get(key, false) is not { } v)
            {
                return [];
            }
            if (v.ValueKind != JsonValueKind.Array)
            {
                Error(key, v.GetRawText(), "an array");
                return [];
            }
            return [.. v.EnumerateArray().Select((e, i) => (e, string.Create(CultureInfo.InvariantCulture, $"{path}.{key}[{i}]")))];
        }
    }
}
