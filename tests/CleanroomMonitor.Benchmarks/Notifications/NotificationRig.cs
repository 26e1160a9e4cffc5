using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;
using CleanroomMonitor.Benchmarks.Suite;
using CleanroomMonitor.Mqtt.Client;
using CleanroomMonitor.TestSupport;
using CleanroomMonitor.TestSupport.Smtp;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Logging.Abstractions;
using MimeKit;

namespace CleanroomMonitor.Benchmarks.Notifications;

/// <summary>What the notification benchmarks run against: a real SMTP server (aiosmtpd, each mail spooled with its arrival
/// time) and an SMS gateway on loopback, a facility with an alarm room, and a plan that sends every excursion of that room
/// to one person by email and to another by SMS (two routes, so each excursion gives one mail and one gateway request).</summary>
/// <remarks>Fresh sinks for each measurement: what they hold is exactly what that run sent.</remarks>
internal sealed partial class NotificationRig : IAsyncDisposable
{
    public const int LoadSensors = 2000;
    public const string MailAddress = "on-call@bench.example";
    public const string Phone = "+15550100001";

    private const string Plan = """
        {
          "contacts": [
            { "id": "mail-on-call", "name": "Mail On-call", "email": "on-call@bench.example" },
            { "id": "phone-on-call", "name": "Phone On-call", "phone": "+15550100001" }
          ],
          "policies": [
            { "id": "by-email", "steps": [ { "after": "0m", "notify": ["mail-on-call"], "channels": ["email"] } ] },
            { "id": "by-sms", "steps": [ { "after": "0m", "notify": ["phone-on-call"], "channels": ["sms"] } ] }
          ],
          "routes": [
            { "id": "alarm-email", "rooms": ["alarms"], "policy": "by-email" },
            { "id": "alarm-sms", "rooms": ["alarms"], "policy": "by-sms" }
          ]
        }
        """;

    private readonly MosquittoProcess _broker;
    private readonly InfluxProcess _influx;
    private readonly TempDirectory _directory;

    private NotificationRig(MosquittoProcess broker, InfluxProcess influx, TempDirectory directory, SmtpServerProcess smtp, GatewayListener gateway)
    {
        _broker = broker;
        _influx = influx;
        _directory = directory;
        Smtp = smtp;
        Gateway = gateway;
    }

    /// <summary>One notification as a sink received it. <paramref name="Channel"/> is "email" or "sms"; <paramref name="To"/>
    /// the address it was for; <paramref name="Sensor"/> the alarm sensor whose excursion it is about.</summary>
    public sealed record Arrival(string Channel, Guid Excursion, string To, string Sensor, DateTimeOffset At)
    {
        /// <summary>The index of the alarm sensor (<c>a17</c> → 17).</summary>
        public int SensorIndex => int.Parse(Sensor.AsSpan(1), CultureInfo.InvariantCulture);
    }

    public SmtpServerProcess Smtp { get; }

    public GatewayListener Gateway { get; }

    /// <summary>Mails and gateway requests received so far (cheap: no parsing).</summary>
    public int Count => Smtp.ReceivedCount + Gateway.Count;

    public static async Task<NotificationRig> StartAsync(MosquittoProcess broker, InfluxProcess influx, int alarmSensors, CancellationToken cancellationToken)
    {
        var directory = new TempDirectory("bench-notify");
        SmtpServerProcess? smtp = null;
        try
        {
            await File.WriteAllTextAsync(directory.Combine("facility.json"), BenchFacility.Json(LoadSensors, interval: "10m", alarmSensors), cancellationToken);
            await File.WriteAllTextAsync(directory.Combine("notifications.json"), Plan, cancellationToken);
            smtp = await SmtpServerProcess.StartAsync(cancellationToken: cancellationToken);
            var gateway = await GatewayListener.StartAsync(cancellationToken);
            return new NotificationRig(broker, influx, directory, smtp, gateway);
        }
        catch
        {
            if (smtp is not null)
            {
                await smtp.DisposeAsync();
            }
            directory.Dispose();
            throw;
        }
    }

    /// <summary>The service's settings for run <paramref name="name"/>: its own data folder and MQTT client id (a restart
    /// with the same name finds the same records and session), the plan file, and both channels.</summary>
    public ServiceSettings Settings(string name) =>
        SustainedIngest.Settings(_broker, _influx, _directory, _directory.Combine("facility.json"), name).With(new Dictionary<string, string?>
        {
            ["Notifications:PlanFile"] = _directory.Combine("notifications.json"),
            ["Notifications:Email:Host"] = Smtp.Host,
            ["Notifications:Email:Port"] = Smtp.Port.ToString(CultureInfo.InvariantCulture),
            ["Notifications:Email:Security"] = "None",
            ["Notifications:Email:From"] = "Cleanroom Monitor <cleanroom@bench.example>",
            ["Notifications:Gateways:sms:Url"] = Gateway.Url.ToString(),
            ["Notifications:Gateways:sms:Body"] = GatewayListener.BodyTemplate,
        });

    /// <summary>A client that publishes the alarm sensors' breaching readings (QoS 1; no timestamp, so the service stamps
    /// them on receipt, as it does a device without a clock).</summary>
    public async Task<MqttClient> ConnectBreacherAsync(CancellationToken cancellationToken)
    {
        var client = new MqttClient(new MqttClientOptions { Port = _broker.Port, ClientId = "bench-breacher", CleanSession = true, MaxInflight = 1000 },
            TimeProvider.System, NullLogger<MqttClient>.Instance);
        client.Start();
        await client.WaitUntilConnectedAsync(cancellationToken);
        return client;
    }

    /// <summary>Publishes a value above the alarm room's alert limit (30) for sensor <c>a&lt;index&gt;</c> and returns when it did.</summary>
    public static DateTimeOffset Breach(MqttClient client, int index)
    {
        var at = DateTimeOffset.UtcNow;
        client.Publish(BenchFacility.AlarmTopic(index), """{"values":{"temperature":31}}"""u8.ToArray(), 1, false);
        return at;
    }

    /// <summary>Everything both sinks received, in arrival order.</summary>
    public IReadOnlyList<Arrival> Arrivals()
    {
        var mails = Smtp.Received().Select(mail =>
        {
            using var message = MimeMessage.Load(new MemoryStream(mail.Data));
            var sensor = SubjectSensor().Match(message.Subject ?? string.Empty);
            return new Arrival("email", Guid.Parse(message.Headers["X-Cleanroom-Excursion"] ?? string.Empty), string.Join(",", mail.Recipients),
                sensor.Success ? sensor.Groups[1].Value : "?", mail.ReceivedAt);
        });
        var requests = Gateway.Requests.Select(r => new Arrival("sms", r.Excursion, r.To, r.Sensor, r.At));
        return [.. mails.Concat(requests).OrderBy(a => a.At)];
    }

    /// <summary>The delivery records by status (Pending, Delivered, Failed, Unreached) in run <paramref name="name"/>'s
    /// record store, read after the service stopped.</summary>
    public string DeliveryStatuses(string name)
    {
        var path = Settings(name).RecordsPath;
        using var connection = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = path, Mode = SqliteOpenMode.ReadOnly, Pooling = false }.ToString());
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = "SELECT status, count(*) FROM notification_deliveries GROUP BY status ORDER BY status";
        using var reader = command.ExecuteReader();
        var text = new StringBuilder();
        while (reader.Read())
        {
            text.Append(text.Length > 0 ? ", " : string.Empty).Append(CultureInfo.InvariantCulture, $"{reader.GetString(0)} {reader.GetInt64(1)}");
        }
        return text.Length > 0 ? text.ToString() : "none";
    }

    /// <summary>When the dispatcher planned each delivery of run <paramref name="name"/> (its record's creation, just
    /// before it is saved as pending and handed to the sender), by excursion and channel; read after the service stopped.</summary>
    public IReadOnlyDictionary<(Guid Excursion, string Channel), DateTimeOffset> PlannedAt(string name)
    {
        var path = Settings(name).RecordsPath;
        using var connection = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = path, Mode = SqliteOpenMode.ReadOnly, Pooling = false }.ToString());
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = "SELECT excursion_id, record FROM notification_deliveries";
        using var reader = command.ExecuteReader();
        var planned = new Dictionary<(Guid, string), DateTimeOffset>();
        while (reader.Read())
        {
            using var record = JsonDocument.Parse(reader.GetString(1));
            string? channel = null;
            DateTimeOffset? created = null;
            foreach (var property in record.RootElement.EnumerateObject())
            {
                if (property.NameEquals("channels") || property.NameEquals("Channels"))
                {
                    channel = property.Value.EnumerateArray().FirstOrDefault().GetString();
                }
                else if (property.NameEquals("createdAt") || property.NameEquals("CreatedAt"))
                {
                    created = property.Value.GetDateTimeOffset();
                }
            }
            if (channel is not null && created is { } at)
            {
                var key = (Guid.Parse(reader.GetString(0)), channel);
                planned[key] = planned.TryGetValue(key, out var earlier) && earlier < at ? earlier : at;
            }
        }
        return planned;
    }

    public async ValueTask DisposeAsync()
    {
        await Gateway.DisposeAsync();
        await Smtp.DisposeAsync();
        _directory.Dispose();
    }

    [GeneratedRegex(@": (a\d+) temperature")]
    private static partial Regex SubjectSensor();
}
