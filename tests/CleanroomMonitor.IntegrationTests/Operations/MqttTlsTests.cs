using System.Net;
using System.Text.Json;
using CleanroomMonitor.Mqtt.Client;
using CleanroomMonitor.TestSupport;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace CleanroomMonitor.IntegrationTests.Operations;

public sealed class MqttTlsTests
{
    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task Start_BrokerTlsListenerWithTestCa_ReadingsArrive(bool mutualTls)
    {
        using var directory = new TempDirectory("ops-tls");
        var certificates = await TestCertificates.CreateAsync(directory);
        await using var broker = await MosquittoProcess.StartAsync(
            new MosquittoTls(certificates.CaFile, certificates.ServerCertFile, certificates.ServerKeyFile, RequireClientCertificate: mutualTls));
        await using var rig = await OperationsRig.StartAsync(broker);
        var settings = new Dictionary<string, string?> { ["Mqtt:Port"] = broker.Port.ToString(System.Globalization.CultureInfo.InvariantCulture), ["Mqtt:CaFile"] = certificates.CaFile };
        if (mutualTls)
        {
            settings["Mqtt:CertFile"] = certificates.ClientCertFile;
            settings["Mqtt:KeyFile"] = certificates.ClientKeyFile;
        }

        await rig.StartServiceAsync(settings);
        var publisher = await rig.ConnectPublisherAsync(o =>
        {
            o.CaFile = certificates.CaFile;
            (o.CertFile, o.KeyFile) = mutualTls ? (certificates.ClientCertFile, certificates.ClientKeyFile) : (null, null);
        });
        await OperationsRig.PublishAsync(publisher, "th1", "\"temperature\":21.5,\"relative_humidity\":40", DateTimeOffset.UtcNow);

        await MonitorRig.WaitUntilAsync(async ct => await rig.CountPointsAsync(ct) >= 2, TimeSpan.FromSeconds(20), "two readings over TLS in InfluxDB");
    }

    [Fact]
    public async Task Start_WrongBrokerPassword_ReadyzNamesTheRefusalAndTheClientStops()
    {
        await using var broker = await MosquittoProcess.StartAsync("cleanroom-monitor", "the-right-password");
        await using var rig = await OperationsRig.StartAsync(broker);

        await rig.StartServiceAsync(new Dictionary<string, string?>
        {
            ["Mqtt:Username"] = "cleanroom-monitor",
            ["Mqtt:Password"] = "a-wrong-password",
            ["Mqtt:MaxConnectRefusals"] = "2",
            ["Mqtt:ReconnectDelayMin"] = "00:00:01",
        }, waitUntilReady: false);
        var client = rig.App.Services.GetRequiredService<MqttClient>();
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        var fault = await Assert.ThrowsAsync<MqttException>(() => client.WaitUntilConnectedAsync(timeout.Token));
        var ready = await rig.Http.GetAsync(new Uri("/readyz", UriKind.Relative));
        var report = JsonDocument.Parse(await ready.Content.ReadAsStringAsync()).RootElement;

        Assert.Contains("not authorized (135)", fault.Message, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("2 times in a row", fault.Message, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.ServiceUnavailable, ready.StatusCode);
        Assert.Contains("not authorized (135)", report.GetProperty("checks").GetProperty("mqtt").GetProperty("description").GetString(), StringComparison.OrdinalIgnoreCase);
        Assert.Contains(rig.Logs.Entries, e => e.Category.EndsWith("MqttClient", StringComparison.Ordinal) && e.Level >= LogLevel.Error);
        Assert.DoesNotContain(rig.Logs.Entries, e => e.Text.Contains("a-wrong-password", StringComparison.Ordinal));
    }
}
