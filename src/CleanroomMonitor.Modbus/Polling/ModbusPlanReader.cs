using System.Globalization;
using System.Text.RegularExpressions;
using CleanroomMonitor.Core.Configuration;
using CleanroomMonitor.Core.Facility;
using CleanroomMonitor.Modbus.Profiles;

namespace CleanroomMonitor.Modbus.Polling;

/// <summary>Reads the Modbus connection file and checks it against the facility and the profiles: every device's
/// sensor exists, is a Modbus sensor, and measures exactly the channels its profile provides; every Modbus sensor of
/// the facility is fed by exactly one device. All problems are reported in one pass with file, JSON path and value.</summary>
public static partial class ModbusPlanReader
{
    /// <summary>The JSON Schema of the connection file (committed as deploy/config/schemas/modbus-connections.schema.json),
    /// generated from the model this reader deserializes into.</summary>
    public static string JsonSchema => ConfigSchema.Generate(ModbusFileContext.Default.ModbusFile, "Modbus connections",
        "The Modbus TCP gateways and RTU serial lines of a CleanroomMonitor installation, and which device feeds which facility sensor.");

    /// <summary>Reads <paramref name="path"/> and the profiles folder it names (default: <c>profiles</c> next to it).</summary>
    /// <exception cref="ConfigurationException">The file, a profile, or their fit with the facility is wrong.</exception>
    public static ModbusPlan Load(string path, FacilityDefinition facility)
    {
        string text;
        try
        {
            text = File.ReadAllText(path);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            throw new ConfigurationException([new ConfigError(path, "$", null, $"a readable Modbus connection file ({ex.Message})")]);
        }
        var file = ConfigJson.Deserialize(text, path, ModbusFileContext.Default.ModbusFile, "Modbus connection");
        var folder = Path.GetFullPath(file.Profiles ?? new ModbusFile().Profiles, Path.GetDirectoryName(Path.GetFullPath(path))!);
        var profiles = ProfileReader.LoadFolder(folder);
        return new Validation(path, facility, profiles, folder).Run(file);
    }

    /// <summary>Validates a connection file's text against the given profiles (tests, tools).</summary>
    public static ModbusPlan Parse(string json, string fileName, FacilityDefinition facility, IReadOnlyDictionary<string, DeviceProfile> profiles) =>
        new Validation(fileName, facility, profiles, "(given profiles)").Run(ConfigJson.Deserialize(json, fileName, ModbusFileContext.Default.ModbusFile, "Modbus connection"));

    /// <summary>The plan when no connection file is configured: empty if the facility has no Modbus sensors.</summary>
    /// <exception cref="ConfigurationException">The facility has Modbus sensors, which nothing would read.</exception>
    public static ModbusPlan WithoutFile(FacilityDefinition facility)
    {
        ArgumentNullException.ThrowIfNull(facility);
        var modbus = facility.Sensors.Where(s => s.Source == SensorSource.Modbus).Select(s => s.Id.Value).ToList();
        return modbus.Count == 0
            ? ModbusPlan.Empty
            : throw new ConfigurationException([new ConfigError("configuration", $"{ModbusOptions.SectionName}:File", null,
                $"the Modbus connection file: {modbus.Count} sensors have \"source\": \"modbus\" ({string.Join(", ", modbus.Take(10))}) and nothing would read them")]);
    }

    // The ranges a duration may take, the same for the file's defaults and a connection's or device's own value.
    private static readonly (TimeSpan Min, TimeSpan Max) PollIntervals = (TimeSpan.FromMilliseconds(100), TimeSpan.FromHours(1));
    private static readonly (TimeSpan Min, TimeSpan Max) ResponseTimeouts = (TimeSpan.FromMilliseconds(10), TimeSpan.FromSeconds(30));
    private static readonly (TimeSpan Min, TimeSpan Max) ReconnectDelaysMin = (TimeSpan.FromMilliseconds(10), TimeSpan.FromMinutes(10));
    private static readonly (TimeSpan Min, TimeSpan Max) ReconnectDelaysMax = (TimeSpan.FromMilliseconds(10), TimeSpan.FromHours(1));

    [GeneratedRegex(ConnectionFile.IdPattern)]
    private static partial Regex IdPattern();

    private sealed class Validation(string fileName, FacilityDefinition facility, IReadOnlyDictionary<string, DeviceProfile> profiles, string profilesFolder)
    {
        private readonly List<ConfigError> _errors = [];

        public ModbusPlan Run(ModbusFile file)
        {
            // The model's initializers are the built-in defaults; they also stand in for a value that is wrong,
            // so the rest of the file is still checked.
            var builtin = new ModbusDefaultsFile();
            var d = file.Defaults ?? builtin;
            var pollInterval = Duration(d.PollInterval, "$.defaults.pollInterval", Builtin(builtin.PollInterval), PollIntervals);
            var timeout = Duration(d.ResponseTimeout, "$.defaults.responseTimeout", Builtin(builtin.ResponseTimeout), ResponseTimeouts);
            var missed = Missed(d.MissedPollsBeforeLoss, "$.defaults.missedPollsBeforeLoss", builtin.MissedPollsBeforeLoss);
            var reconnectMin = Duration(d.ReconnectDelayMin, "$.defaults.reconnectDelayMin", Builtin(builtin.ReconnectDelayMin), ReconnectDelaysMin);
            var reconnectMax = Duration(d.ReconnectDelayMax, "$.defaults.reconnectDelayMax", Builtin(builtin.ReconnectDelayMax), ReconnectDelaysMax);

            var connections = new List<ConnectionPlan>();
            var fedBy = new Dictionary<SensorId, string>();
            var connectionIds = new HashSet<string>(StringComparer.Ordinal);
            var endpoints = new Dictionary<string, string>(StringComparer.Ordinal);
            if (file.Connections is null || file.Connections.Count == 0)
            {
                Error("$.connections", null, "at least one connection");
            }
            for (var i = 0; i < (file.Connections?.Count ?? 0); i++)
            {
                var path = $"$.connections[{i}]";
                if (file.Connections![i] is not { } c)
                {
                    Error(path, "null", "a connection object");
                    continue;
                }
                if (c.Id is null || !IdPattern().IsMatch(c.Id) || !connectionIds.Add(c.Id))
                {
                    Error(path + ".id", c.Id, "a connection id of lowercase letters, digits, '.', '-' or '_', not used by another connection");
                }
                string? host = null;
                var port = 0;
                SerialSettings? serial = null;
                if ((c.Tcp is null) == (c.Rtu is null))
                {
                    Error(path, null, "exactly one of \"tcp\": { host, port } or \"rtu\": { device, baud, parity, dataBits, stopBits }");
                }
                else if (c.Tcp is { } tcp)
                {
                    host = tcp.Host;
                    if (string.IsNullOrWhiteSpace(host))
                    {
                        Error(path + ".tcp.host", host, "a host name or IP address");
                    }
                    port = tcp.Port;
                    if (port is < 1 or > 65535)
                    {
                        Error(path + ".tcp.port", Text(port), $"a TCP port 1-65535 (Modbus: {TcpFile.ModbusPort})");
                    }
                    if (!endpoints.TryAdd($"tcp {host}:{port}", c.Id ?? path))
                    {
                        Error(path + ".tcp", $"{host}:{port}", $"an endpoint not used by another connection ('{endpoints[$"tcp {host}:{port}"]}' has it): list its devices under one connection");
                    }
                }
                else if (c.Rtu is { } rtu)
                {
                    serial = Serial(rtu, path + ".rtu");
                    if (serial is not null && !endpoints.TryAdd("rtu " + serial.Device, c.Id ?? path))
                    {
                        Error(path + ".rtu.device", serial.Device, $"a serial device not used by another connection ('{endpoints["rtu " + serial.Device]}' has it)");
                    }
                }
                var min = Duration(c.ReconnectDelayMin, path + ".reconnectDelayMin", reconnectMin, ReconnectDelaysMin);
                var max = Duration(c.ReconnectDelayMax, path + ".reconnectDelayMax", reconnectMax, ReconnectDelaysMax);
                if (max < min)
                {
                    Error(path + ".reconnectDelayMax", max.ToString(), $"at least reconnectDelayMin ({min})");
                }
                var devices = Devices(c, path, serial is not null, pollInterval, timeout, missed, fedBy);
                if (c.Id is not null && (host is not null || serial is not null))
                {
                    connections.Add(new ConnectionPlan(c.Id, host, port, serial, devices, min, max));
                }
            }
            foreach (var sensor in facility.Sensors.Where(s => s.Source == SensorSource.Modbus && !fedBy.ContainsKey(s.Id)))
            {
                Error("$.connections", sensor.Id.Value, $"a device for Modbus sensor '{sensor.Id}' (every sensor with \"source\": \"modbus\" needs exactly one)");
            }
            if (_errors.Count > 0)
            {
                throw new ConfigurationException(_errors);
            }
            return new ModbusPlan(fileName, connections);
        }

        private List<DevicePlan> Devices(ConnectionFile c, string path, bool isRtu, TimeSpan pollInterval, TimeSpan timeout, int missed, Dictionary<SensorId, string> fedBy)
        {
            var devices = new List<DevicePlan>();
            if (c.Devices is null || c.Devices.Count == 0)
            {
                Error(path + ".devices", null, "at least one device");
                return devices;
            }
            var unitIds = new HashSet<int>();
            for (var j = 0; j < c.Devices.Count; j++)
            {
                var dpath = $"{path}.devices[{j}]";
                if (c.Devices[j] is not { } d)
                {
                    Error(dpath, "null", "a device object");
                    continue;
                }
                var ok = true;
                var (lowest, highest) = isRtu ? (1, 247) : (0, 255);
                if (d.UnitId is not { } unit || unit < lowest || unit > highest)
                {
                    ok = Error(dpath + ".unitId", d.UnitId is { } u ? Text(u) : null, isRtu ? "an RTU slave address 1-247 (0 is broadcast)" : "a unit id 0-255");
                }
                else if (!unitIds.Add(unit))
                {
                    ok = Error(dpath + ".unitId", Text(unit), "a unit id not used by another device of this connection");
                }
                DeviceProfile? profile = null;
                if (d.Profile is null || !profiles.TryGetValue(d.Profile, out profile))
                {
                    ok = Error(dpath + ".profile", d.Profile, $"the id of a profile in {profilesFolder} ({string.Join(", ", profiles.Keys.Order(StringComparer.Ordinal))})");
                }
                Sensor? sensor = null;
                if (d.Sensor is null || !facility.TryGetSensor(new SensorId(d.Sensor), out sensor))
                {
                    ok = Error(dpath + ".sensor", d.Sensor, "the id of a sensor in the facility definition");
                }
                else if (sensor.Source != SensorSource.Modbus)
                {
                    ok = Error(dpath + ".sensor", d.Sensor, $"a sensor with \"source\": \"modbus\" in the facility definition (it has {sensor.Source.ToString().ToLowerInvariant()})");
                }
                else if (fedBy.TryGetValue(sensor.Id, out var other))
                {
                    ok = Error(dpath + ".sensor", d.Sensor, $"a sensor not fed by another device ({other} feeds it)");
                }
                else
                {
                    fedBy[sensor.Id] = dpath;
                }
                if (sensor is not null && profile is not null && !sensor.Parameters.ToHashSet().SetEquals(profile.Parameters))
                {
                    ok = Error(dpath + ".profile", d.Profile,
                        $"a profile whose channels ({Names(profile.Parameters)}) are the parameters of sensor '{sensor.Id}' ({Names(sensor.Parameters)})");
                }
                var interval = Duration(d.PollInterval, dpath + ".pollInterval", pollInterval, PollIntervals);
                var responseTimeout = Duration(d.ResponseTimeout, dpath + ".responseTimeout", timeout, ResponseTimeouts);
                if (responseTimeout >= interval)
                {
                    ok = Error(dpath + ".responseTimeout", responseTimeout.ToString(), $"less than the poll interval ({interval}), or one silent device delays the others");
                }
                var missedPolls = Missed(d.MissedPollsBeforeLoss, dpath + ".missedPollsBeforeLoss", missed);
                if (ok)
                {
                    devices.Add(new DevicePlan(d.Name ?? $"{c.Id}/{d.UnitId}", d.UnitId!.Value, profile!, sensor!.Id, interval, responseTimeout, missedPolls));
                }
            }
            return devices;
        }

        private SerialSettings? Serial(RtuFile rtu, string path)
        {
            var ok = true;
            if (string.IsNullOrWhiteSpace(rtu.Device) || !rtu.Device.StartsWith('/'))
            {
                ok = Error(path + ".device", rtu.Device, "the absolute path of a serial device, such as /dev/ttyUSB0");
            }
            var baud = rtu.Baud;
            if (!RtuFile.Bauds.Contains(baud))
            {
                ok = Error(path + ".baud", Text(baud), "1200, 2400, 4800, 9600, 19200, 38400, 57600 or 115200");
            }
            var parity = rtu.Parity;
            if (!RtuFile.Parities.Contains(parity))
            {
                ok = Error(path + ".parity", parity, "N, E or O");
            }
            var dataBits = rtu.DataBits;
            if (!RtuFile.DataBitsAllowed.Contains(dataBits))
            {
                ok = Error(path + ".dataBits", Text(dataBits), "7 or 8");
            }
            var stopBits = rtu.StopBits;
            if (!RtuFile.StopBitsAllowed.Contains(stopBits))
            {
                ok = Error(path + ".stopBits", Text(stopBits), "1 or 2");
            }
            return ok ? new SerialSettings(rtu.Device!, baud, parity[0], dataBits, stopBits) : null;
        }

        private TimeSpan Duration(string? text, string path, TimeSpan fallback, (TimeSpan Min, TimeSpan Max) range)
        {
            var (min, max) = range;
            if (text is null)
            {
                return fallback;
            }
            if (!DurationParser.TryParse(text, out var value) || value < min || value > max)
            {
                Error(path, text, $"a duration from {min} to {max}, such as \"500ms\", \"2s\" or \"1m\"");
                return fallback;
            }
            return value;
        }

        private static TimeSpan Builtin(string text) =>
            DurationParser.TryParse(text, out var value) ? value : throw new InvalidOperationException($"Built-in default '{text}' is not a duration.");

        private int Missed(int? value, string path, int fallback)
        {
            if (value is { } v && v is < 1 or > 1000)
            {
                Error(path, Text(v), "1-1000 polls");
                return fallback;
            }
            return value ?? fallback;
        }

        private static string Names(IEnumerable<Parameter> parameters) => string.Join(", ", parameters.Select(p => p.WireName()).Order(StringComparer.Ordinal));

        private static string Text(int value) => value.ToString(CultureInfo.InvariantCulture);

        private bool Error(string path, string? value, string expected)
        {
            _errors.Add(new ConfigError(fileName, path, value, expected));
            return false;
        }
    }
}
