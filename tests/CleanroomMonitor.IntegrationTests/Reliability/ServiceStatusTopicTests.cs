using System.Text.Json;
using CleanroomMonitor.Mqtt.Client;
using CleanroomMonitor.TestSupport;
using Microsoft.Extensions.Logging.Abstractions;

namespace CleanroomMonitor.IntegrationTests.Reliability;

/// <summary>The retained service status (docs/reliability.md, "Watched from outside") through a real mosquitto and the
/// service as its own process: <c>online</c> when it connects, the will's <c>offline</c> when it is SIGKILLed (the broker
/// sees the socket closed by the OS), and <c>stopped</c> after a clean stop (SIGTERM). Each is awaited as a message.</summary>
public sealed class ServiceStatusTopicTests
{
    private const string Topic = "cleanroom/itest/status/service";
    private static readonly TimeSpan MessageTimeout = TimeSpan.FromSeconds(30);

    [Fact]
    public async Task ServiceProcess_StartedKilledRestartedAndStopped_StatusOnlineOfflineOnlineStopped()
    {
        await using var broker = await MosquittoProcess.StartAsync();
        await using var influx = await InfluxProcess.StartAsync(default);
        using var directory = new TempDirectory("status");
        var facility = directory.Combine("facility.json");
        await File.WriteAllTextAsync(facility, MonitorRig.FacilityJson);
        var settings = new ServiceSettings(broker.Port, influx.Url, "status", directory.Path, facility);
        await using var watcher = await SubscribeAsync(broker, "itest-status-watcher");

        var service = await ServiceExecutable.StartAsync(settings, TimeSpan.FromSeconds(60));
        JsonElement first;
        try
        {
            first = await NextStatusAsync(watcher, "online", service);
            // Retained: a watcher that subscribes later is told at once.
            await using (var late = await SubscribeAsync(broker, "itest-status-late"))
            {
                var retained = await NextAsync(late, service);
                Assert.True(retained.Retain);
                Assert.Equal(first.ToString(), Parse(retained).ToString());
            }

            await service.StopAsync(kill: true);
            var offline = await NextStatusAsync(watcher, "offline", service);
            Assert.Equal(first.GetProperty("instance").GetString(), offline.GetProperty("instance").GetString());
            Assert.Equal(first.GetProperty("since").GetDateTimeOffset(), offline.GetProperty("since").GetDateTimeOffset());
        }
        finally
        {
            await service.DisposeAsync();
        }

        service = await ServiceExecutable.StartAsync(settings, TimeSpan.FromSeconds(60));
        try
        {
            var second = await NextStatusAsync(watcher, "online", service);
            Assert.NotEqual(first.GetProperty("instance").GetString(), second.GetProperty("instance").GetString());
            Assert.Equal("itest", second.GetProperty("site").GetString());

            await service.StopAsync();   // SIGTERM: a clean stop sends no will, so the service says it itself
            var stopped = await NextStatusAsync(watcher, "stopped", service);
            Assert.Equal(second.GetProperty("instance").GetString(), stopped.GetProperty("instance").GetString());
        }
        finally
        {
            await service.DisposeAsync();
        }
    }

    private static async Task<MqttClient> SubscribeAsync(MosquittoProcess broker, string clientId)
    {
        var client = new MqttClient(new MqttClientOptions { Port = broker.Port, ClientId = clientId, CleanSession = true },
            TimeProvider.System, NullLogger<MqttClient>.Instance);
        client.Subscribe(Topic, 1);
        client.Start();
        await client.WaitUntilConnectedAsync(default);
        return client;
    }

    private static async Task<JsonElement> NextStatusAsync(MqttClient watcher, string state, ServerProcess service)
    {
        var status = Parse(await NextAsync(watcher, service));
        Assert.True(status.GetProperty("state").GetString() == state, $"expected {state}, got {status}\nService output:\n{service.Output}");
        return status;
    }

    private static async Task<MqttMessage> NextAsync(MqttClient client, ServerProcess service)
    {
        using var timeout = new CancellationTokenSource(MessageTimeout);
        try
        {
            return await client.Messages.ReadAsync(timeout.Token);
        }
        catch (OperationCanceledException)
        {
            throw new TimeoutException($"No message on {Topic} within {MessageTimeout}.\nService output:\n{service.Output}");
        }
    }

    private static JsonElement Parse(MqttMessage message) => JsonDocument.Parse(message.Payload).RootElement.Clone();
}
