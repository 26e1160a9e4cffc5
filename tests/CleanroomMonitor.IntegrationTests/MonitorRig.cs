using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using CleanroomMonitor.Core.Facility;
using CleanroomMonitor.Mqtt.Client;
using CleanroomMonitor.Service.Api;
using CleanroomMonitor.Core.Records;
using CleanroomMonitor.Core.Security;
using CleanroomMonitor.Service.Hosting;
using CleanroomMonitor.Service.Security;
using CleanroomMonitor.Storage.Influx;
using CleanroomMonitor.TestSupport;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;

namespace CleanroomMonitor.IntegrationTests;

/// <summary>The whole product on loopback: a real mosquitto, a real influxd, and the service itself (the same
/// composition root Program.cs uses), plus a publisher playing the instruments' gateway.</summary>
public sealed class MonitorRig : IAsyncDisposable
{
    public const string FacilityJson = """
        {
          "site": { "id": "itest", "name": "Integration test site", "timeZone": "Europe/Berlin" },
          "rooms": [
            { "id": "cr1", "name": "Suite 1", "grade": "B", "adjacent": ["al1"], "layout": { "x": 0, "y": 0, "width": 4, "height": 3 }, "zones": [ { "id": "cr1-bsc", "name": "BSC", "grade": "A" } ],
              "limits": { "temperature": { "alert": { "low": 18, "high": 23 }, "action": { "low": 16, "high": 25 } } } },
            { "id": "al1", "name": "Airlock, with a space", "grade": "C", "adjacent": ["cr1"], "layout": { "x": 4, "y": 0, "width": 3, "height": 3 } }
          ],
          "sensors": [
            { "id": "pc1", "room": "cr1", "zone": "cr1-bsc", "parameters": ["particles_0_5um", "particles_5_0um"] },
            { "id": "th1", "room": "cr1", "parameters": ["temperature", "relative_humidity"] },
            { "id": "dp1", "room": "cr1", "parameters": ["differential_pressure"], "reference": "al1" },
            { "id": "th2", "room": "al1", "parameters": ["temperature"], "topic": "legacy/gateway 7/th2" }
          ]
        }
        """;

    private readonly ServiceRig _stack;
    private readonly string _facilityJson;

    private MonitorRig(ServiceRig stack, string facilityJson)
    {
        _stack = stack;
        _facilityJson = facilityJson;
    }

    public MosquittoProcess Broker => _stack.Broker;

    public InfluxProcess Influx => _stack.Influx;

    public WebApplication App => _stack.Service.App;

    /// <summary>The running service's log (a new one for each start).</summary>
    public ServiceLog Log => _stack.Service.Log;

    /// <summary>A client for the running service (a new one, with its new port, after each start).</summary>
    public HttpClient Http { get; private set; } = new();

    /// <summary>The API's JSON: web defaults with the records' converters (enums by name, ids as strings).</summary>
    public static JsonSerializerOptions Json { get; } = CreateJson();

    public MqttClient Publisher { get; private set; } = null!;

    public InfluxClient InfluxClient => App.Services.GetRequiredService<InfluxClient>();

    public FacilityDefinition Facility => App.Services.GetRequiredService<FacilityDefinition>();

    public string Database { get; } = "itest";

    /// <summary>Configuration this rig's service gets on top of the defaults below (a test's own limits or budgets).</summary>
    public IReadOnlyDictionary<string, string?> Overrides { get; private init; } = new Dictionary<string, string?>();

    public static async Task<MonitorRig> StartAsync(CancellationToken cancellationToken = default) => await StartAsync(null, cancellationToken);

    public static Task<MonitorRig> StartAsync(IReadOnlyDictionary<string, string?>? overrides, CancellationToken cancellationToken = default) =>
        StartAsync(FacilityJson, overrides, cancellationToken);

    /// <summary>The rig on a facility of the caller's (<see cref="FacilityJson"/> with more sensors, say).</summary>
    public static async Task<MonitorRig> StartAsync(string facilityJson, IReadOnlyDictionary<string, string?>? overrides, CancellationToken cancellationToken = default)
    {
        var stack = await ServiceRig.StartAsync(CleanroomMonitorApp.Build, "rig", cancellationToken: cancellationToken);
        var rig = new MonitorRig(stack, facilityJson) { Overrides = overrides ?? new Dictionary<string, string?>() };
        try
        {
            await rig.StartServiceAsync(cancellationToken);
            rig.Publisher = new MqttClient(new MqttClientOptions
            {
                Port = rig.Broker.Port,
                ClientId = "itest-gateway-" + Guid.NewGuid().ToString("N")[..8],
                CleanSession = true,
            }, TimeProvider.System, NullLogger<MqttClient>.Instance);
            rig.Publisher.Start();
            await rig.Publisher.WaitUntilConnectedAsync(cancellationToken);
            return rig;
        }
        catch
        {
            await rig.DisposeAsync();
            throw;
        }
    }

    public async Task StartServiceAsync(CancellationToken cancellationToken = default)
    {
        var facilityFile = await _stack.WriteFileAsync("facility.json", _facilityJson, cancellationToken);
        var settings = _stack.Settings(facilityFile, Database) with
        {
            MqttReconnectDelayMax = TimeSpan.FromSeconds(2),
            InfluxFlushInterval = TimeSpan.FromMilliseconds(100),
        };
        var service = await _stack.StartServiceAsync(settings.With(Overrides), new ServiceLog(), cancellationToken);
        BaseAddress = service.BaseAddress;
        await EnsureUsersAsync(cancellationToken);
        Http.Dispose();
        Http = new HttpClient { BaseAddress = BaseAddress, Timeout = TimeSpan.FromSeconds(10) };
        Http.DefaultRequestHeaders.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", Token);
        await service.WaitUntilReadyAsync(TimeSpan.FromSeconds(20), cancellationToken);
    }

    /// <summary>The password every test user has.</summary>
    public const string Password = "cleanroom-test-password";

    /// <summary>A token for the facility's own staff with the Viewer, Operator and QA roles: the default client's credential.</summary>
    public const string Token = "crm_integration-test-token-for-facility-staff";

    /// <summary>The token the test MES names in its batch messages: the facility's service account "mes-line" (Operator).</summary>
    public const string MesToken = "crm_integration-test-token-for-the-mes-line";

    public Uri BaseAddress { get; private set; } = null!;

    /// <summary>Test users: op (Operator), qa (QA), admin (Admin), staff; helix-op and cellco-op (Operator, tenant users); helix-qa (QA of tenant helix-bio).</summary>
    private async Task EnsureUsersAsync(CancellationToken cancellationToken)
    {
        var accounts = App.Services.GetRequiredService<UserAccounts>();
        foreach (var (name, roles, tenant) in new (string, string[], string?)[]
        {
            ("op", ["Operator"], null), ("qa", ["QA"], null), ("admin", ["Admin"], null), ("viewer", ["Viewer"], null),
            ("helix-op", ["Operator"], "helix-bio"), ("cellco-op", ["Operator"], "cellco"), ("helix-qa", ["QA"], "helix-bio"),
        })
        {
            await accounts.CreateAsync(new NewUser(name, $"Test {name}", roles, tenant, Password), "test", cancellationToken, passwordChosenByHolder: true);   // exists after a restart: fine
        }
        var users = App.Services.GetRequiredService<IUserStore>();
        if (await users.FindTokenAsync(ApiTokenHandler.HashOf(Token), cancellationToken) is null)
        {
            await users.SaveTokenAsync(new ApiToken(Guid.NewGuid(), "integration tests", ApiTokenHandler.HashOf(Token), [Role.Viewer, Role.Operator, Role.QA], null,
                "test", DateTimeOffset.UtcNow, null), new AuditEntry(DateTimeOffset.UtcNow, "test", "Admin", "token.created", "api_token", "", null, null, "tests"), cancellationToken);
        }
        if (await users.FindTokenAsync(ApiTokenHandler.HashOf(MesToken), cancellationToken) is null)
        {
            await users.SaveTokenAsync(new ApiToken(Guid.NewGuid(), "mes-line", ApiTokenHandler.HashOf(MesToken), [Role.Operator], null,
                "test", DateTimeOffset.UtcNow, null), new AuditEntry(DateTimeOffset.UtcNow, "test", "Admin", "token.created", "api_token", "", null, null, "tests"), cancellationToken);
        }
    }

    /// <summary>A client signed in as <paramref name="userName"/> with a session cookie, sending the antiforgery token
    /// on changes as the pages do.</summary>
    public async Task<HttpClient> SignInAsync(string userName, CancellationToken cancellationToken = default)
    {
        var client = new HttpClient(new HttpClientHandler { CookieContainer = new System.Net.CookieContainer() }) { BaseAddress = BaseAddress, Timeout = TimeSpan.FromSeconds(10) };
        var response = await client.PostAsJsonAsync(new Uri("/api/auth/login", UriKind.Relative), new { userName, password = Password }, cancellationToken);
        response.EnsureSuccessStatusCode();
        var me = await response.Content.ReadFromJsonAsync<JsonElement>(cancellationToken);
        client.DefaultRequestHeaders.Add("X-CSRF-TOKEN", me.GetProperty("csrfToken").GetString());
        return client;
    }

    public Task PublishAsync(string topic, string payload, CancellationToken cancellationToken = default) =>
        Publisher.PublishAsync(topic, Encoding.UTF8.GetBytes(payload), qos: 1, retain: false, cancellationToken);

    public static string Topic(string room, string sensor) => $"cleanroom/itest/{room}/{sensor}";

    private readonly Lock _instantGate = new();
    private long _lastInstant;

    /// <summary>A device time for "now", at least a millisecond after the last one handed out: two readings of one sensor
    /// in the same millisecond are one point in InfluxDB, and ingest keeps the first and refuses a different second value
    /// (docs/mqtt.md), so back-to-back readings meant as distinct need distinct milliseconds.</summary>
    public DateTimeOffset NextInstant()
    {
        lock (_instantGate)
        {
            _lastInstant = Math.Max(DateTimeOffset.UtcNow.ToUnixTimeMilliseconds(), _lastInstant + 1);
            return DateTimeOffset.FromUnixTimeMilliseconds(_lastInstant);
        }
    }

    private static JsonSerializerOptions CreateJson()
    {
        var options = new JsonSerializerOptions(JsonSerializerDefaults.Web);
        foreach (var converter in CleanroomMonitor.Storage.Records.RecordJson.Options.Converters)
        {
            options.Converters.Add(converter);
        }
        return options;
    }

    public async Task<IngestStatus> IngestStatusAsync(CancellationToken cancellationToken = default) =>
        (await Http.GetFromJsonAsync<IngestStatus>(new Uri("/api/ingest", UriKind.Relative), cancellationToken))!;

    /// <summary>How many points InfluxDB holds, counted with InfluxQL (0 when the measurement does not exist yet).</summary>
    public Task<long> CountPointsAsync(string where = "", CancellationToken cancellationToken = default) =>
        CountAsync(InfluxClient, $"SELECT count(\"value\") FROM \"reading\" {where}", cancellationToken);

    /// <summary>Runs a <c>SELECT count(…)</c> and returns the count: 0 when nothing matches, or before the service has
    /// created its database (it does so at start, a moment after it answers).</summary>
    public static async Task<long> CountAsync(CleanroomMonitor.Storage.Influx.InfluxClient client, string query, CancellationToken cancellationToken)
    {
        try
        {
            var result = await client.QueryAsync(query, cancellationToken);
            return result.Series.Count == 0 ? 0 : result.Series[0].Get(0, "count").GetInt64();
        }
        catch (CleanroomMonitor.Storage.Influx.InfluxQueryException ex) when (ex.Message.Contains("database not found", StringComparison.Ordinal))
        {
            return 0;
        }
    }

    public async Task WaitForPointsAsync(long expected, TimeSpan timeout, string where = "", CancellationToken cancellationToken = default)
    {
        long last = -1;
        await WaitUntilAsync(async ct => (last = await CountPointsAsync(where, ct)) >= expected, timeout,
            $"{expected} points in InfluxDB", () => $"{last} points", cancellationToken);
    }

    /// <summary>Waits until the API lists an excursion on <paramref name="sensor"/> and returns the newest one's id.</summary>
    public async Task<Guid> WaitForExcursionAsync(string sensor, CancellationToken cancellationToken = default)
    {
        Guid id = default;
        await WaitUntilAsync(async ct =>
        {
            var list = await Http.GetFromJsonAsync<JsonElement>(new Uri($"/api/excursions?sensor={sensor}", UriKind.Relative), ct);
            if (list.GetArrayLength() == 0)
            {
                return false;
            }
            id = list[0].GetProperty("id").GetGuid();
            return true;
        }, TimeSpan.FromSeconds(30), $"an excursion on {sensor}", cancellationToken: cancellationToken);
        return id;
    }

    /// <summary><see cref="Eventually.UntilReachableAsync"/> with the detail as a plain value: the service not answering yet
    /// (a refused connection) is "not yet".</summary>
    public static Task WaitUntilAsync(Func<CancellationToken, Task<bool>> condition, TimeSpan timeout, string what,
        Func<object?>? detail = null, CancellationToken cancellationToken = default) =>
        Eventually.UntilReachableAsync(condition, timeout, what, detail is null ? null : () => Task.FromResult($"Last seen: {detail()}."), cancellationToken);

    public Task StopServiceAsync() => _stack.StopServiceAsync();

    public async ValueTask DisposeAsync()
    {
        if (Publisher is not null)
        {
            await Publisher.DisposeAsync();
        }
        await _stack.DisposeAsync();
        Http.Dispose();
    }
}
