using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Text.RegularExpressions;
using CleanroomMonitor.Core.Configuration;
using CleanroomMonitor.Core.Limits;

namespace CleanroomMonitor.Core.Facility;

/// <summary>Reads and validates a facility definition (JSON, comments and trailing commas allowed). Every problem
/// is collected in one pass and reported with the file, the JSON path and the bad value.</summary>
public static partial class FacilityReader
{
    /// <summary>Names under <c>&lt;topicRoot&gt;/&lt;site&gt;/</c> the service publishes on (docs/mqtt.md).</summary>
    private static readonly string[] ReservedRoomIds = ["alerts", "mes", "status"];

    /// <summary>The JSON Schema of the facility file (committed as deploy/config/schemas/facility.schema.json),
    /// generated from the model this reader deserializes into.</summary>
    public static string JsonSchema => ConfigSchema.Generate(FacilityFileContext.Default.FacilityFile, "CleanroomMonitor facility",
        "The site a CleanroomMonitor installation watches: its rooms and their EU GMP grades, which rooms share a wall or door (the pressure cascade), every sensor, and the site's limits. Format: docs/facility.md.");

    public static FacilityDefinition Load(string path)
    {
        string text;
        try
        {
            text = File.ReadAllText(path);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            throw new ConfigurationException([new ConfigError(path, "$", null, $"a readable facility file ({ex.Message})")]);
        }
        return Parse(text, path);
    }

    public static FacilityDefinition Parse(string json, string fileName)
    {
        var file = ConfigJson.Deserialize(json, fileName, FacilityFileContext.Default.FacilityFile, "facility");
        var version = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(json)))[..12];
        return new Validation(fileName).Run(file, version);
    }

    [GeneratedRegex(FacilityFile.IdPattern)]
    private static partial Regex IdPattern();

    private sealed partial class Validation(string fileName)
    {
        private readonly List<ConfigError> _errors = [];

        public FacilityDefinition Run(FacilityFile file, string version)
        {
            var site = ReadSite(file.Site);
            var rooms = ReadRooms(file.Rooms);
            var sensors = ReadSensors(file.Sensors, rooms, site?.TopicRoot ?? new SiteFile().TopicRoot, site?.Id ?? "site");
            var gradeLimits = ReadGradeLimits(file.GradeLimits);
            CheckComputedSources(sensors);
            if (_errors.Count > 0 || site is null)
            {
                throw new ConfigurationException(_errors);
            }
            var facility = new FacilityDefinition(site, rooms, sensors, version) { GradeLimits = gradeLimits };
            CheckGradeDInOperation(facility);
            if (_errors.Count > 0)
            {
                throw new ConfigurationException(_errors);
            }
            return facility;
        }

        /// <summary>A computed differential pressure takes this room's and the reference room's absolute pressures.</summary>
        private void CheckComputedSources(List<Sensor> sensors)
        {
            for (var i = 0; i < sensors.Count; i++)
            {
                if (sensors[i].ComputedFrom is not { } from)
                {
                    continue;
                }
                var own = sensors.FirstOrDefault(s => s.Id == from.Room);
                var other = sensors.FirstOrDefault(s => s.Id == from.Reference);
                if (own is null || own.Room != sensors[i].Room || !own.Measures(Parameter.AbsolutePressure))
                {
                    Error($"$.sensors[{i}].from[0]", from.Room.Value, $"an absolute_pressure sensor in room '{sensors[i].Room}'");
                }
                if (other is null || other.Room != sensors[i].ReferenceRoom || !other.Measures(Parameter.AbsolutePressure))
                {
                    Error($"$.sensors[{i}].from[1]", from.Reference.Value, $"an absolute_pressure sensor in the reference room '{sensors[i].ReferenceRoom}'");
                }
            }
        }

        private Dictionary<Grade, IReadOnlyDictionary<Parameter, LimitSpec>> ReadGradeLimits(Dictionary<string, Dictionary<string, LimitSpecFile?>?>? block)
        {
            var result = new Dictionary<Grade, IReadOnlyDictionary<Parameter, LimitSpec>>();
            foreach (var (name, limits) in block ?? [])
            {
                if (ParseGrade(name, $"$.gradeLimits.{name}", allowUnclassified: false) is { } grade)
                {
                    result[grade] = Limits(limits, $"$.gradeLimits.{name}", null);
                }
            }
            return result;
        }

        /// <summary>Annex 1 Table 5 gives no grade D in-operation particle limit: the site must state one (or say "none").</summary>
        private void CheckGradeDInOperation(FacilityDefinition facility)
        {
            var book = new LimitBook(facility);
            for (var i = 0; i < facility.Sensors.Count; i++)
            {
                var sensor = facility.Sensors[i];
                if (sensor.Grade != Grade.D)
                {
                    continue;
                }
                foreach (var parameter in sensor.Parameters.Where(p => p.Info().IsParticleCount))
                {
                    var set = book.Resolve(sensor, parameter, RoomState.InOperation);
                    if (set?.Action.High is null && !book.HasExplicitNoActionLimit(sensor, parameter, RoomState.InOperation))
                    {
                        Error($"$.sensors[{i}].limits.{parameter.WireName()}.inOperation.action", null,
                            "a site in-operation action limit for grade D (Annex 1 Table 5 sets none) here, in the room's limits or in $.gradeLimits.D, or \"none\" to run without one");
                    }
                }
            }
        }

        private Site? ReadSite(SiteFile? file)
        {
            if (file is null)
            {
                Error("$.site", null, "a site object with id, name and timeZone");
                return null;
            }
            var id = Id(file.Id, "$.site.id");
            var name = Text(file.Name, "$.site.name");
            TimeZoneInfo? zone = null;
            if (string.IsNullOrWhiteSpace(file.TimeZone))
            {
                Error("$.site.timeZone", file.TimeZone, "an IANA time zone such as Europe/Berlin");
            }
            else if (!TimeZoneInfo.TryFindSystemTimeZoneById(file.TimeZone, out zone))
            {
                Error("$.site.timeZone", file.TimeZone, "an IANA time zone known to this machine, such as Europe/Berlin");
            }
            var topicRoot = file.TopicRoot;
            if (string.IsNullOrEmpty(topicRoot) || !IsTopicSafe(topicRoot))
            {
                Error("$.site.topicRoot", topicRoot, "an MQTT topic prefix without wildcards (+ #), empty levels or a leading '/'");
            }
            return id is null || name is null || zone is null ? null : new Site(id, name, zone, topicRoot);
        }

        private List<Room> ReadRooms(List<RoomFile?>? files)
        {
            var rooms = new List<Room>();
            if (files is null || files.Count == 0)
            {
                Error("$.rooms", null, "at least one room");
                return rooms;
            }
            var ids = new HashSet<string>(StringComparer.Ordinal);
            var zoneIds = new HashSet<string>(StringComparer.Ordinal);
            for (var i = 0; i < files.Count; i++)
            {
                var path = $"$.rooms[{i}]";
                if (files[i] is not { } file)
                {
                    Error(path, "null", "a room object");
                    continue;
                }
                var id = Id(file.Id, path + ".id");
                if (id is not null && ReservedRoomIds.Contains(id))
                {
                    // The service publishes its alerts, MES replies and its own status under these names in the site's topic tree, and
                    // subscribes to each room's tree: a room of that name would take its own messages back as input.
                    Error(path + ".id", id, $"a room id other than {string.Join(", ", ReservedRoomIds)} (topic names the service uses)");
                    continue;
                }
                if (id is not null && !ids.Add(id))
                {
                    Error(path + ".id", id, "a room id not used by another room");
                    continue;
                }
                var name = Text(file.Name, path + ".name");
                var grade = file.Grade is RoomFile.Unclassified ? null : ParseGrade(file.Grade, path + ".grade", allowUnclassified: true);
                var zones = new List<Zone>();
                for (var z = 0; z < (file.Zones?.Count ?? 0); z++)
                {
                    var zonePath = $"{path}.zones[{z}]";
                    if (file.Zones![z] is not { } zoneFile)
                    {
                        Error(zonePath, "null", "a zone object");
                        continue;
                    }
                    var zoneId = Id(zoneFile.Id, zonePath + ".id");
                    if (zoneId is not null && !zoneIds.Add(zoneId))
                    {
                        Error(zonePath + ".id", zoneId, "a zone id not used by another zone");
                    }
                    var zoneName = Text(zoneFile.Name, zonePath + ".name");
                    var zoneGrade = ParseGrade(zoneFile.Grade, zonePath + ".grade", allowUnclassified: false);
                    // A zone is the cleaner place inside a room (a grade A cabinet in a grade B room): Annex 1 never
                    // puts a zone of a less strict grade inside a stricter room.
                    if (zoneGrade is { } zg && grade is { } rg && zg > rg)
                    {
                        Error(zonePath + ".grade", zg.ToString(), $"a grade at least as strict as its room's grade {rg}");
                    }
                    if (zoneId is not null && zoneName is not null && zoneGrade is not null)
                    {
                        zones.Add(new Zone(zoneId, zoneName, zoneGrade.Value));
                    }
                }
                if (!DurationParser.TryParse(file.CleanUpPeriod, out var cleanUp) || cleanUp <= TimeSpan.Zero || cleanUp > TimeSpan.FromHours(4))
                {
                    Error(path + ".cleanUpPeriod", file.CleanUpPeriod, "a duration between 1s and 4h, such as \"20m\"");
                }
                var roomLimits = Limits(file.Limits, path + ".limits", null);
                var layout = file.Layout is null ? null : ReadLayout(file.Layout, path + ".layout");
                if (id is not null && name is not null && (grade is not null || file.Grade is RoomFile.Unclassified))
                {
                    var adjacent = (file.Adjacent ?? []).Select(a => new RoomId(a ?? string.Empty)).ToList();
                    rooms.Add(new Room(new RoomId(id), name, grade, zones, adjacent) { CleanUpPeriod = cleanUp, Limits = roomLimits, Layout = layout });
                }
            }
            CheckOverlaps(rooms, files);
            var known = rooms.Select(r => r.Id).ToHashSet();
            for (var i = 0; i < files.Count; i++)
            {
                var adjacent = files[i]?.Adjacent ?? [];
                for (var a = 0; a < adjacent.Count; a++)
                {
                    var other = adjacent[a];
                    if (other is null || !known.Contains(new RoomId(other)))
                    {
                        Error($"$.rooms[{i}].adjacent[{a}]", other, "the id of a room defined in $.rooms");
                    }
                    else if (other == files[i]?.Id)
                    {
                        Error($"$.rooms[{i}].adjacent[{a}]", other, "another room (a room is not adjacent to itself)");
                    }
                }
            }
            return rooms;
        }

        private RoomLayout? ReadLayout(LayoutFile file, string path)
        {
            var x = Cells(file.X, path + ".x", 0, "the left edge");
            var y = Cells(file.Y, path + ".y", 0, "the top edge");
            var width = Cells(file.Width, path + ".width", 1, "the width");
            var height = Cells(file.Height, path + ".height", 1, "the height");
            if (file.Floor is not null && string.IsNullOrWhiteSpace(file.Floor))
            {
                Error(path + ".floor", file.Floor, "a floor name that is not blank, or no floor");
                return null;
            }
            return x is null || y is null || width is null || height is null ? null : new RoomLayout(x.Value, y.Value, width.Value, height.Value, file.Floor);
        }

        private int? Cells(int? value, string path, int minimum, string what)
        {
            if (value is { } cells && cells >= minimum && cells <= LayoutFile.MaxCells)
            {
                return cells;
            }
            Error(path, value?.ToString(CultureInfo.InvariantCulture), $"{what} in grid cells, a whole number from {minimum} to {LayoutFile.MaxCells}");
            return null;
        }

        /// <summary>Two rooms in one place make the plan lie about which room a colour belongs to: each overlap is an error
        /// on the later room, naming the earlier one.</summary>
        private void CheckOverlaps(List<Room> rooms, List<RoomFile?> files)
        {
            var placed = new List<Room>();
            foreach (var room in rooms.Where(r => r.Layout is not null))
            {
                var index = files.FindIndex(f => f?.Id == room.Id.Value);
                foreach (var earlier in placed.Where(p => p.Layout!.Overlaps(room.Layout!)))
                {
                    Error($"$.rooms[{index}].layout", room.Layout!.ToString(), $"a place on the plan not overlapping room '{earlier.Id}' ({earlier.Layout})");
                }
                placed.Add(room);
            }
        }

        private List<Sensor> ReadSensors(List<SensorFile?>? files, List<Room> rooms, string topicRoot, string siteId)
        {
            var sensors = new List<Sensor>();
            if (files is null || files.Count == 0)
            {
                Error("$.sensors", null, "at least one sensor");
                return sensors;
            }
            var ids = new HashSet<string>(StringComparer.Ordinal);
            var topics = new Dictionary<string, int>(StringComparer.Ordinal);
            var roomsById = rooms.ToDictionary(r => r.Id.Value, StringComparer.Ordinal);
            for (var i = 0; i < files.Count; i++)
            {
                var path = $"$.sensors[{i}]";
                if (files[i] is not { } file)
                {
                    Error(path, "null", "a sensor object");
                    continue;
                }
                var id = Id(file.Id, path + ".id");
                if (id is not null && !ids.Add(id))
                {
                    Error(path + ".id", id, "a sensor id not used by another sensor");
                }
                Room? room = null;
                if (file.Room is null || !roomsById.TryGetValue(file.Room, out room))
                {
                    Error(path + ".room", file.Room, "the id of a room defined in $.rooms");
                }
                Zone? zone = null;
                if (file.Zone is not null && room is not null)
                {
                    zone = room.Zones.FirstOrDefault(z => z.Id == file.Zone);
                    if (zone is null)
                    {
                        Error(path + ".zone", file.Zone, $"a zone of room '{room.Id}' ({string.Join(", ", room.Zones.Select(z => z.Id).DefaultIfEmpty("it has none"))})");
                    }
                }
                var location = file.Location ?? zone?.Name ?? room?.Name ?? string.Empty;
                var parameters = ReadParameters(file.Parameters, path + ".parameters");
                if (!DurationParser.TryParse(file.Interval, out var interval) || interval <= TimeSpan.Zero || interval > TimeSpan.FromDays(1))
                {
                    Error(path + ".interval", file.Interval, "a duration between 1ms and 1d, such as \"10s\" or \"1m\"");
                }
                RoomId? reference = null;
                if (parameters.Contains(Parameter.DifferentialPressure))
                {
                    if (file.Reference is null)
                    {
                        Error(path + ".reference", null, "the room the differential pressure is measured against (required for differential_pressure)");
                    }
                    else if (room is not null && !room.Adjacent.Contains(new RoomId(file.Reference)))
                    {
                        Error(path + ".reference", file.Reference, $"a room listed in room '{room.Id}'.adjacent ({string.Join(", ", room.Adjacent.Select(a => a.Value).DefaultIfEmpty("none"))})");
                    }
                    else
                    {
                        reference = new RoomId(file.Reference);
                    }
                }
                else if (file.Reference is not null)
                {
                    Error(path + ".reference", file.Reference, "no reference room (only differential_pressure sensors have one)");
                }
                SensorSource? source = file.Source is not null && SensorFile.Sources.TryGetValue(file.Source, out var from) ? from : null;
                if (source is null)
                {
                    Error(path + ".source", file.Source, "\"mqtt\", \"modbus\", \"computed\" or \"sparkplug\"");
                }
                string? topic = null;
                if (source is SensorSource.Modbus or SensorSource.Computed or SensorSource.Sparkplug && file.Topic is not null)
                {
                    Error(path + ".topic", file.Topic, "no topic (only MQTT sensors are subscribed)");
                }
                if (source == SensorSource.Computed && (file.From is not { Count: 2 } || parameters is not [Parameter.DifferentialPressure]))
                {
                    Error(path + ".from", file.From is null ? null : string.Join(",", file.From),
                        "two absolute_pressure sensor ids, this room's then the reference room's, for a sensor whose only parameter is differential_pressure");
                }
                else if (source != SensorSource.Computed && file.From is not null)
                {
                    Error(path + ".from", string.Join(",", file.From), "no 'from' (only computed sensors have one)");
                }
                else if (source == SensorSource.Mqtt)
                {
                    topic = file.Topic ?? $"{topicRoot}/{siteId}/{file.Room}/{file.Id}";
                    if (!IsTopicSafe(topic))
                    {
                        Error(path + ".topic", topic, "an MQTT topic without wildcards (+ #), empty levels or a leading '/'");
                    }
                    else if (topics.TryGetValue(topic, out var other))
                    {
                        Error(path + ".topic", topic, $"a topic not used by another sensor (sensors[{other}] has it)");
                    }
                    else
                    {
                        topics[topic] = i;
                    }
                }
                Equipment? equipment = file.Equipment is null ? null
                    : SensorFile.EquipmentKinds.TryGetValue(file.Equipment, out var kind) ? kind
                    : Error(path + ".equipment", file.Equipment, "one of incubator, freezer, fridge, ln2_storage, other");
                var sparkplug = ReadSparkplug(file.Sparkplug, source, parameters, path);
                var sensorLimits = Limits(file.Limits, path + ".limits", parameters);
                var asset = ReadAsset(file.Asset, path + ".asset");
                TimeSpan gapAfter = default;
                if (file.GapAfter is not null && (!DurationParser.TryParse(file.GapAfter, out gapAfter) || gapAfter < interval))
                {
                    Error(path + ".gapAfter", file.GapAfter, "a duration at least the sensor's interval");
                }
                if (id is not null && room is not null && parameters.Count > 0 && (file.Zone is null || zone is not null))
                {
                    var sensor = new Sensor(new SensorId(id), room.Id, zone?.Id, location, zone?.Grade ?? room.Grade, parameters, interval, reference, source ?? SensorSource.Mqtt, topic, equipment)
                    {
                        Limits = sensorLimits,
                        Sparkplug = sparkplug,
                        Asset = asset,
                    };
                    if (source == SensorSource.Computed && file.From is [{ } own, { } other])
                    {
                        sensor = sensor with { ComputedFrom = (new SensorId(own), new SensorId(other)) };
                    }
                    sensors.Add(file.GapAfter is null || gapAfter == default ? sensor : sensor with { GapAfter = gapAfter });
                }
            }
            return sensors;
        }

        private Dictionary<Parameter, LimitSpec> Limits(Dictionary<string, LimitSpecFile?>? block, string path, IReadOnlyList<Parameter>? allowed)
        {
            var reader = new LimitSpecReader((p, v, e) => Error(p, v, e));
            var limits = reader.ReadAll(block, path, allowed);
            foreach (var (parameter, spec) in limits)
            {
                reader.Check(spec, $"{path}.{parameter.WireName()}");
            }
            return limits;
        }

        private List<Parameter> ReadParameters(List<string?>? names, string path)
        {
            var parameters = new List<Parameter>();
            if (names is null || names.Count == 0)
            {
                Error(path, null, $"at least one parameter of: {ParameterCatalog.Names}");
                return parameters;
            }
            for (var p = 0; p < names.Count; p++)
            {
                if (names[p] is null || !ParameterCatalog.TryParse(names[p]!, out var info))
                {
                    Error($"{path}[{p}]", names[p], $"one of: {ParameterCatalog.Names}");
                }
                else if (parameters.Contains(info.Parameter))
                {
                    Error($"{path}[{p}]", names[p], "each parameter once");
                }
                else
                {
                    parameters.Add(info.Parameter);
                }
            }
            return parameters;
        }

        private Grade? ParseGrade(string? text, string path, bool allowUnclassified)
        {
            if (text is not null && ZoneFile.Grades.TryGetValue(text, out var grade))
            {
                return grade;
            }
            Error(path, text, allowUnclassified ? "a grade: A, B, C, D or unclassified" : "a grade: A, B, C or D");
            return null;
        }

        private string? Id(string? value, string path)
        {
            if (value is null || !IdPattern().IsMatch(value))
            {
                Error(path, value, "an id of 1-63 lowercase letters, digits, '-' or '_', starting with a letter or digit");
                return null;
            }
            return value;
        }

        private string? Text(string? value, string path)
        {
            if (string.IsNullOrWhiteSpace(value))
            {
                Error(path, value, "a non-empty name");
                return null;
            }
            return value;
        }

        private Equipment? Error(string path, string? value, string expected)
        {
            _errors.Add(new ConfigError(fileName, path, value, expected));
            return null;
        }

        private static bool IsTopicSafe(string topic) =>
            !topic.StartsWith('/') && !topic.Contains('+', StringComparison.Ordinal) && !topic.Contains('#', StringComparison.Ordinal)
            && !topic.Split('/').Any(string.IsNullOrEmpty) && !topic.Contains('\0', StringComparison.Ordinal);
    }
}
