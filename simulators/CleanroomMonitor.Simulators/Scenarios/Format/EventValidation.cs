using CleanroomMonitor.Core.Facility;
using CleanroomMonitor.Core.Readings;

namespace CleanroomMonitor.Simulators.Scenarios.Format;

/// <summary>Turns one event as written into a <see cref="ScenarioEvent"/>, recording every problem: values, the
/// fields its type needs, and what it names in the facility.</summary>
internal sealed class EventValidation(ConfigProblems problems, FacilityReferences facility, TimeSpan scenarioDuration)
{
    private static readonly string[] PayloadKinds = ["truncated", "not-finite", "negative-count", "no-volume", "wrong-type"];
    private static readonly string[] WindowKinds = ["non-monitoring", "operation"];

    public ScenarioEvent? Read(ScenarioEventFile? file, string path)
    {
        var f = problems.At(path);
        if (file is null)
        {
            problems.Add(path, "null", "an object");
            return null;
        }
        var at = f.Duration("at", file.At, required: true);
        var typeText = f.Text("type", file.Type, required: true);
        if (at is null || typeText is null)
        {
            return null;
        }
        if (!TryParseType(typeText, out var type))
        {
            f.Error("type", typeText, "one of " + string.Join(", ", Enum.GetValues<ScenarioEventType>().Select(ScenarioReader.Kebab)));
            return null;
        }
        if (at > scenarioDuration)
        {
            f.Error("at", file.At, $"a time within the scenario's duration ({scenarioDuration})");
        }
        var e = new ScenarioEvent(at.Value, type, path)
        {
            Batch = f.Text("batch", file.Batch),
            Rooms = file.Rooms ?? [],
            Product = f.Text("product", file.Product) ?? "",
            Tenant = f.Text("tenant", file.Tenant) ?? "",
            Process = f.Text("process", file.Process) ?? "",
            Room = f.Text("room", file.Room),
            Sensor = f.Text("sensor", file.Sensor),
            Duration = f.Duration("duration", file.Duration) ?? TimeSpan.Zero,
            Samples = f.NotNegative("samples", file.Samples),
            Size = f.Text("size", file.Size) is { } size ? ParseSize(f, size) : null,
            PerCubicMetre = file.PerCubicMetre ?? 0,
            Count = f.NotNegative("count", file.Count),
            Counts = Counts(f, file.Counts),
            DropPa = file.DropPa,
            PressurePa = file.PressurePa,
            Parameter = f.Text("parameter", file.Parameter) is { } p ? ParseParameter(f, p) : null,
            Value = file.Value ?? 0,
            Faults = ParseFaults(f, file.Faults),
            Skew = f.SignedDuration("skew", file.Skew) ?? TimeSpan.Zero,
            PayloadKind = file.Payload,
            Repeat = f.NotNegative("repeat", file.Repeat) ?? 0,
            Co2Drop = file.Co2Drop,
            TemperatureDrop = file.TemperatureDrop,
            RisePeak = file.RisePeak,
            WindowKind = file.Kind,
            Reason = f.Text("reason", file.Reason),
        };
        if (e.End > scenarioDuration)
        {
            f.Error("duration", file.Duration, $"an event that ends within the scenario's duration ({scenarioDuration})");
        }
        RequireFieldsOfType(f, file, e);
        CheckNames(f, e);
        return e;
    }

    private static void RequireFieldsOfType(FieldProblems f, ScenarioEventFile file, ScenarioEvent e)
    {
        switch (e.Type)
        {
            case ScenarioEventType.BatchStart:
                f.Need("batch", e.Batch);
                if (e.Rooms.Count == 0)
                {
                    f.Error("rooms", FieldProblems.Format(file.Rooms), "one or more room ids");
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
                f.Need("parameter", e.Parameter);
                f.Need("value", file.Value);
                break;
        }
        var type = e.Type;
        if (type is ScenarioEventType.DoorOpen or ScenarioEventType.Silent or ScenarioEventType.FanLoss or ScenarioEventType.Set
            or ScenarioEventType.ClockSkew or ScenarioEventType.Window && e.Samples is null && e.Duration <= TimeSpan.Zero)
        {
            f.Error("duration", file.Duration, "a duration above 0");
        }
        if (type is ScenarioEventType.ParticleBurst or ScenarioEventType.Fault && e.Samples is null && e.Duration <= TimeSpan.Zero)
        {
            f.Error("duration", file.Duration, "a duration above 0, or a number of samples");
        }
        if (type == ScenarioEventType.ParticleBurst && e.Count is null && e.Counts.Count == 0 && e.PerCubicMetre <= 0)
        {
            f.Error("perCubicMetre", file.PerCubicMetre is { } perCubicMetre ? FieldProblems.Format(perCubicMetre) : null,
                "particles per m³ above 0, or an exact count per sample (count or counts)");
        }
        if (e.Count is not null && e.Counts.Count > 0)
        {
            f.Error("counts", FieldProblems.Format(file.Counts), "either count or counts, not both");
        }
        if (type == ScenarioEventType.Fault && e.Faults == SampleFaults.None)
        {
            f.Error("faults", FieldProblems.Format(file.Faults), "one or more of laser, flow, overflow, service, sampler, calibration");
        }
        if (type == ScenarioEventType.Malformed && !PayloadKinds.Contains(e.PayloadKind, StringComparer.Ordinal))
        {
            f.Error("payload", e.PayloadKind, "one of " + string.Join(", ", PayloadKinds));
        }
        if (type == ScenarioEventType.ClockSkew && e.Skew == TimeSpan.Zero)
        {
            f.Error("skew", file.Skew, "a clock offset such as 30m or -10m");
        }
    }

    private void CheckNames(FieldProblems f, ScenarioEvent e)
    {
        if (e.Type == ScenarioEventType.BatchStart)
        {
            foreach (var room in e.Rooms)
            {
                facility.Room(f, "rooms", room);
            }
        }
        if (e.Room is not null)
        {
            facility.Room(f, "room", e.Room);
        }
        if (e.Sensor is not null)
        {
            facility.Sensor(f, "sensor", e.Sensor, e.Parameter, allowModbus: e.Type == ScenarioEventType.Silent);
        }
    }

    private static List<long> Counts(FieldProblems f, List<long>? counts)
    {
        if (counts is null)
        {
            return [];
        }
        if (counts.Count == 0 || counts.Any(n => n < 0))
        {
            f.Error("counts", FieldProblems.Format(counts), "a non-empty array of whole numbers, 0 or more");
            return [];
        }
        return counts;
    }

    private static Parameter? ParseSize(FieldProblems f, string size) => size switch
    {
        "0.5" => Core.Facility.Parameter.ParticlesHalfMicron,
        "5.0" => Core.Facility.Parameter.ParticlesFiveMicron,
        "all" => null,
        _ => Fail(f, "size", size, "0.5, 5.0 or all"),
    };

    private static Parameter? ParseParameter(FieldProblems f, string name) =>
        ParameterCatalog.TryParse(name, out var info) ? info.Parameter : Fail(f, "parameter", name, "a parameter: " + ParameterCatalog.Names);

    private static Parameter? Fail(FieldProblems f, string key, string value, string expected)
    {
        f.Error(key, value, expected);
        return null;
    }

    private static SampleFaults ParseFaults(FieldProblems f, List<string>? names)
    {
        var faults = SampleFaults.None;
        foreach (var name in names ?? [])
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
            if (ScenarioReader.Kebab(candidate) == text)
            {
                type = candidate;
                return true;
            }
        }
        type = default;
        return false;
    }
}
