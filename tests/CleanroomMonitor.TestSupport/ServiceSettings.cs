using System.Globalization;

namespace CleanroomMonitor.TestSupport;

/// <summary>The configuration a test hands the service: where its broker, InfluxDB, data folder and facility file are,
/// and the few timings tests shorten. Written once here so every rig, the benchmarks and the out-of-process starts say
/// the same thing, as in-memory configuration, environment variables (systemd, the container) or command-line arguments.
/// A setting left <c>null</c> is not handed over at all, so the service's own default applies.</summary>
public sealed record ServiceSettings(int BrokerPort, Uri InfluxUrl, string Database, string DataFolder, string FacilityFile)
{
    /// <summary>Loopback on a port the OS chooses; <c>null</c> when the caller passes its own address (a process on a known port).</summary>
    public string? Listen { get; init; } = "http://127.0.0.1:0";

    public string? ModbusFile { get; init; }

    public string? MqttClientId { get; init; }

    /// <summary>Tests shorten it so a restarted broker is found again within a test's patience.</summary>
    public TimeSpan? MqttReconnectDelayMax { get; init; }

    /// <summary>Tests shorten it so a reading is queryable a moment after it is sent.</summary>
    public TimeSpan? InfluxFlushInterval { get; init; }

    /// <summary>Zero turns the activity ticker off: tests count what they sent, not what the service reports by itself.</summary>
    public TimeSpan? ActivityInterval { get; init; } = TimeSpan.Zero;

    /// <summary><c>Logging:LogLevel:Default</c>; benchmarks keep the console quiet with Warning.</summary>
    public string? LogLevel { get; init; }

    /// <summary>Anything else (a test's own limits, TLS, secrets): these win over everything above.</summary>
    public IReadOnlyDictionary<string, string?> Overrides { get; init; } = new Dictionary<string, string?>();

    public string BufferPath => Path.Combine(DataFolder, "buffer");

    public string RecordsPath => Path.Combine(DataFolder, "records.db");

    /// <summary>These settings with <paramref name="more"/> added to the overrides (a later value for a key wins).</summary>
    public ServiceSettings With(IReadOnlyDictionary<string, string?>? more)
    {
        var merged = new Dictionary<string, string?>(Overrides);
        foreach (var (key, value) in more ?? new Dictionary<string, string?>())
        {
            merged[key] = value;
        }
        return this with { Overrides = merged };
    }

    public ServiceSettings With(string key, string? value) => With(new Dictionary<string, string?> { [key] = value });

    /// <summary>The settings as configuration keys (<c>Mqtt:Port</c>), for the in-process composition root.</summary>
    public IReadOnlyDictionary<string, string?> ToConfiguration()
    {
        var configuration = new Dictionary<string, string?>();
        void Add(string key, string? value)
        {
            if (value is not null)
            {
                configuration[key] = value;
            }
        }
        Add("Urls", Listen);
        Add("Facility:File", FacilityFile);
        Add("Modbus:File", ModbusFile);
        Add("Mqtt:Port", BrokerPort.ToString(CultureInfo.InvariantCulture));
        Add("Mqtt:ClientId", MqttClientId);
        Add("Mqtt:ReconnectDelayMax", Format(MqttReconnectDelayMax));
        Add("Influx:Url", InfluxUrl.ToString());
        Add("Influx:Database", Database);
        Add("Influx:FlushInterval", Format(InfluxFlushInterval));
        Add("Buffer:Path", BufferPath);
        Add("Records:Path", RecordsPath);
        Add("Activity:Interval", Format(ActivityInterval));
        Add("Logging:LogLevel:Default", LogLevel);
        foreach (var (key, value) in Overrides)
        {
            configuration[key] = value;
        }
        return configuration;
    }

    /// <summary>The settings as environment variables (<c>Mqtt__Port</c>), as systemd and the container hand them over.</summary>
    public IReadOnlyDictionary<string, string> ToEnvironment() =>
        ToConfiguration().Where(s => s.Value is not null)
            .ToDictionary(s => s.Key.Replace(":", "__", StringComparison.Ordinal), s => s.Value!, StringComparer.Ordinal);

    /// <summary>The settings as command-line arguments (<c>--Mqtt:Port=1883</c>).</summary>
    public IReadOnlyList<string> ToArguments() =>
        [.. ToConfiguration().Where(s => s.Value is not null).Select(s => $"--{s.Key}={s.Value}")];

    private static string? Format(TimeSpan? value) => value?.ToString("c", CultureInfo.InvariantCulture);
}
