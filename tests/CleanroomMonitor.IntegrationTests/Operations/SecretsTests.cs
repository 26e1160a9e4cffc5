using CleanroomMonitor.Mqtt.Client;
using CleanroomMonitor.Service.Hosting;
using CleanroomMonitor.Storage.Influx;
using CleanroomMonitor.TestSupport;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace CleanroomMonitor.IntegrationTests.Operations;

public sealed class SecretsTests
{
    private const string User = "cleanroom-monitor";

    [Fact]
    public async Task Start_BrokerPasswordAndInfluxTokenFromFiles_ConnectsAndNoLogHoldsEitherSecret()
    {
        var password = "broker-secret-" + Guid.NewGuid().ToString("N");
        var token = "influx-token-" + Guid.NewGuid().ToString("N");
        await using var broker = await MosquittoProcess.StartAsync(User, password);
        await using var rig = await OperationsRig.StartAsync(broker);
        var passwordFile = rig.Directory.Combine("mqtt-password");
        var tokenFile = rig.Directory.Combine("influx-token");
        await File.WriteAllTextAsync(passwordFile, password + "\n");   // as `echo secret > file` writes it
        await File.WriteAllTextAsync(tokenFile, token + "\n");

        // The broker refuses anonymous clients, so being ready proves the password came from the file.
        await rig.StartServiceAsync(new Dictionary<string, string?>
        {
            ["Mqtt:Username"] = User,
            ["Mqtt:PasswordFile"] = passwordFile,
            ["Influx:TokenFile"] = tokenFile,
        });
        Assert.Equal(password, rig.App.Services.GetRequiredService<IOptions<MqttClientOptions>>().Value.Password);
        Assert.Equal(token, rig.App.Services.GetRequiredService<IOptions<InfluxOptions>>().Value.Token);
        var publisher = await rig.ConnectPublisherAsync(o => (o.Username, o.Password) = (User, password));
        await OperationsRig.PublishAsync(publisher, "th1", "\"temperature\":21.5", DateTimeOffset.UtcNow);
        await MonitorRig.WaitUntilAsync(async ct => await rig.CountPointsAsync(ct) >= 1, TimeSpan.FromSeconds(20), "the reading in InfluxDB");
        var bodies = new List<string>
        {
            await rig.Http.GetStringAsync(new Uri("/metrics", UriKind.Relative)),
            await (await rig.Http.GetAsync(new Uri("/readyz", UriKind.Relative))).Content.ReadAsStringAsync(),
        };
        await rig.StopServiceAsync();

        var entries = rig.Logs.Entries;
        Assert.Contains(entries, e => e.Level == LogLevel.Trace);   // the scan covers the most verbose level
        // The MQTT CONNECT packet, which carries the password, is in the scan (MQTTnet's per-packet lines at Trace) ...
        Assert.Contains(entries, e => e.EventId.Id == 2016 && e.Message.Contains(">>> Connect", StringComparison.Ordinal));
        // ... and the HTTP client factory's request logging is off for InfluxDB: it hands raw header values (the token) to
        // log sinks in its structured state, which a FakeLogger collector showed.
        Assert.DoesNotContain(entries, e => e.Category.StartsWith("System.Net.Http.HttpClient", StringComparison.Ordinal));
        foreach (var text in entries.Select(e => e.Text).Concat(bodies))
        {
            Assert.DoesNotContain(password, text, StringComparison.Ordinal);
            Assert.DoesNotContain(token, text, StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task Start_PasswordFileMissing_FailsNamingTheSettingAndFile()
    {
        using var directory = new TempDirectory("ops-secret");
        var facility = directory.Combine("facility.json");
        await File.WriteAllTextAsync(facility, MonitorRig.FacilityJson);
        var missing = directory.Combine("no-such-secret");
        await using var app = CleanroomMonitorApp.Build([], new Dictionary<string, string?>
        {
            ["Urls"] = "http://127.0.0.1:0",
            ["Facility:File"] = facility,
            ["Mqtt:Port"] = FreePort.Next().ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["Mqtt:Username"] = User,
            ["Mqtt:PasswordFile"] = missing,
            ["Influx:TokenFile"] = missing,
            ["Buffer:Path"] = directory.Combine("buffer"),
            ["Records:Path"] = directory.Combine("records.db"),
        }, logging => logging.ClearProviders());

        var ex = await Assert.ThrowsAsync<OptionsValidationException>(() => app.StartAsync());

        Assert.Contains($"Mqtt:PasswordFile = '{missing}'", ex.Message, StringComparison.Ordinal);
    }
}
