using CleanroomMonitor.Core.Excursions;
using CleanroomMonitor.Core.Facility;
using CleanroomMonitor.Core.Ingest;
using CleanroomMonitor.Core.Limits;

namespace CleanroomMonitor.Simulators.Scenarios.Format;

/// <summary>Turns one expectation as written into an <see cref="Expectation"/>, recording every problem.</summary>
internal sealed class ExpectationValidation(ConfigProblems problems, FacilityReferences facility)
{
    private static readonly string[] RoomStates = Enum.GetNames<RoomState>();

    private static readonly Dictionary<string, ExpectationType> Types = new(StringComparer.Ordinal)
    {
        ["excursion"] = ExpectationType.Excursion,
        ["no-excursion"] = ExpectationType.NoExcursion,
        ["rejection"] = ExpectationType.Rejection,
        ["room-state"] = ExpectationType.RoomState,
        ["acknowledge-close"] = ExpectationType.AcknowledgeClose,
        ["audit"] = ExpectationType.Audit,
        ["backup"] = ExpectationType.Backup,
        ["alarm-delivery"] = ExpectationType.AlarmDelivery,
    };

    public Expectation? Read(ExpectationFile? file, string path)
    {
        var f = problems.At(path);
        if (file is null)
        {
            problems.Add(path, "null", "an object");
            return null;
        }
        var typeText = f.Text("type", file.Type, required: true);
        var requirement = f.Text("requirement", file.Requirement, required: true);
        if (typeText is null || requirement is null)
        {
            return null;
        }
        if (!Types.TryGetValue(typeText, out var type))
        {
            f.Error("type", typeText, "excursion, no-excursion, rejection, room-state, acknowledge-close, audit, backup or alarm-delivery");
            return null;
        }
        var level = f.Text("level", file.Level);
        if (level is not null and not ("Alert" or "Action"))
        {
            f.Error("level", level, "Alert or Action");
        }
        var e = new Expectation(type, requirement, path)
        {
            Clause = f.Text("clause", file.Clause),
            Kind = ParseKind(f, f.Text("kind", file.Kind)),
            Level = level,
            Sensor = f.Text("sensor", file.Sensor),
            Room = f.Text("room", file.Room),
            Parameter = f.Text("parameter", file.Parameter),
            After = f.Duration("after", file.After) ?? TimeSpan.Zero,
            Within = f.Duration("within", file.Within),
            Batch = f.Text("batch", file.Batch),
            Rule = f.Text("rule", file.Rule),
            Reason = f.Text("reason", file.Reason),
            AtLeast = f.NotNegative("atLeast", file.AtLeast) ?? 0,
            From = f.Duration("from", file.From) ?? TimeSpan.Zero,
            Until = f.Duration("until", file.Until),
            Returned = file.Returned,
            State = f.Text("state", file.State),
        };
        if (f.Duration("limit", file.Limit) is { } limit)
        {
            e = e with { Limit = limit };
        }
        RequireFieldsOfType(f, e);
        if (e.Parameter is not null && !ParameterCatalog.TryParse(e.Parameter, out _))
        {
            f.Error("parameter", e.Parameter, "a parameter: " + ParameterCatalog.Names);
        }
        if (e.Sensor is not null)
        {
            facility.Sensor(f, "sensor", e.Sensor, parameter: null, anySource: true);
        }
        if (e.Room is not null)
        {
            facility.Room(f, "room", e.Room);
        }
        return e;
    }

    private static void RequireFieldsOfType(FieldProblems f, Expectation e)
    {
        var type = e.Type;
        if (type is ExpectationType.Excursion or ExpectationType.AcknowledgeClose or ExpectationType.AlarmDelivery)
        {
            f.Need("kind", e.Kind);
        }
        if (type is ExpectationType.Excursion or ExpectationType.NoExcursion or ExpectationType.AcknowledgeClose or ExpectationType.AlarmDelivery
            && (e.Sensor is null) == (e.Room is null))
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
        if (type == ExpectationType.Rejection && (e.Reason is null || !Enum.TryParse<RejectionReason>(e.Reason, out _)))
        {
            f.Error("reason", e.Reason, "a rejection reason: " + string.Join(", ", Enum.GetNames<RejectionReason>()));
        }
    }

    private static ExcursionKind? ParseKind(FieldProblems f, string? text)
    {
        if (text is null)
        {
            return null;
        }
        if (Enum.TryParse<ExcursionKind>(text, ignoreCase: false, out var kind) && Enum.IsDefined(kind))
        {
            return kind;
        }
        f.Error("kind", text, "an excursion kind: " + string.Join(", ", Enum.GetNames<ExcursionKind>()));
        return null;
    }
}
