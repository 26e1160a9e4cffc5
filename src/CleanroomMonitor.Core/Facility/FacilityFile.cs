using System.ComponentModel;
using System.ComponentModel.DataAnnotations;
using System.Text.Json.Serialization;
using CleanroomMonitor.Core.Calibration;
using CleanroomMonitor.Core.Configuration;
// The models have properties named Grade and Equipment (strings, as written); these name the enums.
using EquipmentKind = CleanroomMonitor.Core.Facility.Equipment;
using GmpGrade = CleanroomMonitor.Core.Facility.Grade;

namespace CleanroomMonitor.Core.Facility;

// The facility file as written, before validation. Everything a person can get wrong is a string here, so the
// validator can quote the bad value back in its error instead of a serializer's type message. A default lives here as
// the property's initializer and nowhere else: the validator reads it from the model and the JSON Schema shows it.
[Description("The facility definition: the site, its rooms and their grades, the pressure cascade, and every sensor.")]
internal sealed class FacilityFile
{
    /// <summary>Site, room, zone and sensor ids: they end up in MQTT topics and InfluxDB tags.</summary>
    public const string IdPattern = "^[a-z0-9][a-z0-9_-]{0,62}$";

    [JsonPropertyName("$schema")]
    [Description("The JSON Schema this file follows, for editors; the reader ignores it (but it is part of the text the facility version is hashed from).")]
    public string? Schema { get; set; }

    [Description("The site: id, name, time zone and MQTT topic root.")]
    public SiteFile? Site { get; set; }

    [Description("The rooms, at least one.")]
    public List<RoomFile?>? Rooms { get; set; }

    [Description("The sensors, at least one.")]
    public List<SensorFile?>? Sensors { get; set; }

    [Description("Site limits per grade (A, B, C or D) that replace the EU GMP Annex 1 defaults: parameter name → limits.")]
    public Dictionary<string, Dictionary<string, LimitSpecFile?>?>? GradeLimits { get; set; }
}

internal sealed class SiteFile
{
    [RegularExpression(FacilityFile.IdPattern)]
    [Description("The site's id: 1-63 lowercase letters, digits, '-' or '_', starting with a letter or digit (used in MQTT topics and InfluxDB tags).")]
    public string? Id { get; set; }

    [Description("The site's name, shown to people.")]
    public string? Name { get; set; }

    [Description("An IANA time zone such as Europe/Berlin: times are stored in UTC and shown in this zone.")]
    public string? TimeZone { get; set; }

    [Description("The first level of every default MQTT topic; no '+', '#', empty levels or leading '/'.")]
    public string TopicRoot { get; set; } = "cleanroom";
}

internal sealed class RoomFile
{
    /// <summary>A room outside the graded area (a corridor): monitored, but judged by no grade's limits.</summary>
    public const string Unclassified = "unclassified";

    public static IReadOnlyList<string> Grades { get; } = [.. ZoneFile.Grades.Keys, Unclassified];

    [RegularExpression(FacilityFile.IdPattern)]
    [Description("The room's id, unique among rooms.")]
    public string? Id { get; set; }

    [Description("The room's name, shown to people.")]
    public string? Name { get; set; }

    [OneOf(typeof(RoomFile), nameof(Grades))]
    [Description("The room's EU GMP grade: A, B, C, D or unclassified.")]
    public string? Grade { get; set; }

    [Description("Cleaner zones inside the room (a grade A cabinet or isolator), each at least as strict as the room.")]
    public List<ZoneFile?>? Zones { get; set; }

    [Description("Ids of the rooms sharing a wall or door with this one (the pressure cascade).")]
    public List<string?>? Adjacent { get; set; }

    [Description("How long the room may take to return to its at-rest limits after operation ends (Annex 1 Table 5 note 1): a duration from 1s to 4h.")]
    public string CleanUpPeriod { get; set; } = "20m";

    [Description("Limits for this room's sensors that replace the grade's: parameter name → limits.")]
    public Dictionary<string, LimitSpecFile?>? Limits { get; set; }

    [Description("Where the room is drawn on the floor plan (/floor-plan): a rectangle of grid cells. Optional: a room without one is listed beside the plan.")]
    public LayoutFile? Layout { get; set; }
}

internal sealed class LayoutFile
{
    /// <summary>The largest coordinate or size in cells: a plan wider than this is no longer readable on a screen.</summary>
    public const int MaxCells = 200;

    [Description("The room's left edge, in grid cells from the plan's left edge (0-200).")]
    public int? X { get; set; }

    [Description("The room's top edge, in grid cells from the plan's top edge (0-200).")]
    public int? Y { get; set; }

    [Description("The room's width in grid cells (1-200).")]
    public int? Width { get; set; }

    [Description("The room's height in grid cells (1-200).")]
    public int? Height { get; set; }

    [Description("The level the room is on, such as \"ground\" or \"1\", when the site has more than one; rooms on different floors are drawn as separate plans and never overlap.")]
    public string? Floor { get; set; }
}

internal sealed class ZoneFile
{
    public static IReadOnlyDictionary<string, GmpGrade> Grades { get; } = new Dictionary<string, GmpGrade>(StringComparer.Ordinal)
    {
        ["A"] = GmpGrade.A,
        ["B"] = GmpGrade.B,
        ["C"] = GmpGrade.C,
        ["D"] = GmpGrade.D,
    };

    [RegularExpression(FacilityFile.IdPattern)]
    [Description("The zone's id, unique among all zones.")]
    public string? Id { get; set; }

    [Description("The zone's name, shown to people.")]
    public string? Name { get; set; }

    [OneOf(typeof(ZoneFile), nameof(Grades))]
    [Description("The zone's grade: A, B, C or D, at least as strict as its room's.")]
    public string? Grade { get; set; }
}

internal sealed class SensorFile
{
    public static IReadOnlyDictionary<string, SensorSource> Sources { get; } = new Dictionary<string, SensorSource>(StringComparer.Ordinal)
    {
        ["mqtt"] = SensorSource.Mqtt,
        ["modbus"] = SensorSource.Modbus,
        ["computed"] = SensorSource.Computed,
        ["sparkplug"] = SensorSource.Sparkplug,
    };

    public static IReadOnlyDictionary<string, EquipmentKind> EquipmentKinds { get; } = new Dictionary<string, EquipmentKind>(StringComparer.Ordinal)
    {
        ["incubator"] = EquipmentKind.Incubator,
        ["freezer"] = EquipmentKind.Freezer,
        ["fridge"] = EquipmentKind.Fridge,
        ["ln2_storage"] = EquipmentKind.Ln2Storage,
        ["other"] = EquipmentKind.Other,
    };

    [RegularExpression(FacilityFile.IdPattern)]
    [Description("The sensor's id, unique among sensors.")]
    public string? Id { get; set; }

    [Description("The id of the room the sensor is in.")]
    public string? Room { get; set; }

    [Description("The id of a zone of that room, if the sensor is in one; the sensor then has the zone's grade.")]
    public string? Zone { get; set; }

    [Description("Where the sensor is, for people; default: the zone's or room's name.")]
    public string? Location { get; set; }

    [Description("What the sensor measures, each once: particles_0_5um, particles_5_0um, differential_pressure, absolute_pressure, temperature, relative_humidity, co2, o2.")]
    public List<string?>? Parameters { get; set; }

    [Description("How often the instrument reports: a duration above 0 and at most 1 day, such as \"10s\" or \"1m\".")]
    public string Interval { get; set; } = "1m";

    [Description("For differential_pressure only: the adjacent room the pressure is measured against.")]
    public string? Reference { get; set; }

    [OneOf(typeof(SensorFile), nameof(Sources))]
    [Description("How readings arrive: mqtt, modbus, computed or sparkplug.")]
    public string Source { get; set; } = "mqtt";

    [Description("MQTT sensors only: the topic; default <topicRoot>/<site>/<room>/<sensor>.")]
    public string? Topic { get; set; }

    [OneOf(typeof(SensorFile), nameof(EquipmentKinds))]
    [Description("When the sensor watches equipment rather than room air: incubator, freezer, fridge, ln2_storage or other.")]
    public string? Equipment { get; set; }

    [Description("How long without data before a data-gap event: a duration at least the interval; default three intervals, at least 10s.")]
    public string? GapAfter { get; set; }

    [Description("Computed sensors only: this room's absolute_pressure sensor, then the reference room's.")]
    public List<string?>? From { get; set; }

    [Description("Limits for this sensor that replace the room's and the grade's: parameter name → limits.")]
    public Dictionary<string, LimitSpecFile?>? Limits { get; set; }

    [Description("Sparkplug sensors only: where its metrics arrive.")]
    public SparkplugFile? Sparkplug { get; set; }

    [Description("The instrument's asset data: the calibration register's initial entry for this sensor when the register has none yet (never overwriting one made in the application).")]
    public AssetFile? Asset { get; set; }
}

internal sealed class AssetFile
{
    [Description("The instrument's manufacturer.")]
    public string? Make { get; set; }

    [Description("The instrument's model.")]
    public string? Model { get; set; }

    [Description("The instrument's serial number.")]
    public string? Serial { get; set; }

    [Description("The defined calibration interval in days (1-3653); default: the register's Calibration:DefaultInterval.")]
    public int? CalibrationIntervalDays { get; set; }

    [Description("The last calibration before the instrument was entered, from its certificate.")]
    public LastCalibrationFile? LastCalibration { get; set; }
}

internal sealed class LastCalibrationFile
{
    public static IReadOnlyDictionary<string, CalibrationResult> Results { get; } = new Dictionary<string, CalibrationResult>(StringComparer.Ordinal)
    {
        ["pass"] = CalibrationResult.Pass,
        ["adjusted"] = CalibrationResult.Adjusted,
        ["fail"] = CalibrationResult.Fail,
    };

    [Description("The certificate's date: a date such as \"2026-03-01\" (midnight UTC) or a date and time with offset; not in the future.")]
    public string? Date { get; set; }

    [Description("The certificate's number.")]
    public string? Certificate { get; set; }

    [OneOf(typeof(LastCalibrationFile), nameof(Results))]
    [Description("What the certificate concluded: pass, adjusted or fail.")]
    public string? Result { get; set; }

    [Description("Who calibrated, as on the certificate (a technician or a service company).")]
    public string? By { get; set; }
}

internal sealed class SparkplugFile
{
    [Description("The Sparkplug group id.")]
    public string? Group { get; set; }

    [Description("The Sparkplug edge node id.")]
    public string? EdgeNode { get; set; }

    [Description("The Sparkplug device id, if the metrics come from a device of the edge node.")]
    public string? Device { get; set; }

    [Description("Each parameter of the sensor → the metric name it arrives under, plus volume_l (the sampled volume in litres) for particle counters.")]
    public Dictionary<string, string?>? Metrics { get; set; }
}
