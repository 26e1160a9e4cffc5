using System.Text;
using CleanroomMonitor.Mqtt.Client;
using CleanroomMonitor.TestSupport;
using Microsoft.Extensions.Logging.Testing;

namespace CleanroomMonitor.Mqtt.Tests.Client;

/// <summary>Shared pieces of the client tests: a client factory with test-sized delays, a deadline per test,
/// and waits on conditions (never fixed sleeps).</summary>
internal static class MqttTestContext
{
    /// <summary>Every test finishes well inside 15 s or fails with a cancellation.</summary>
    public static readonly TimeSpan Deadline = TimeSpan.FromSeconds(12);

    public static MqttClientOptions Options(MosquittoProcess broker, string? clientId, Action<MqttClientOptions>? configure = null) =>
        Options(broker.Host, broker.Port, clientId, configure);

    public static MqttClientOptions Options(string host, int port, string? clientId, Action<MqttClientOptions>? configure = null)
    {
        var options = new MqttClientOptions
        {
            Host = host,
            Port = port,
            ClientId = clientId,
            CleanSession = clientId is null,
            ReconnectDelayMin = TimeSpan.FromSeconds(1),
            ReconnectDelayMax = TimeSpan.FromSeconds(1),   // reconnects within about a second
        };
        configure?.Invoke(options);
        return options;
    }

    public static MqttClient Create(MqttClientOptions options, FakeLogger<MqttClient>? logger = null, TimeProvider? time = null) =>
        new(options, time ?? TimeProvider.System, logger ?? new FakeLogger<MqttClient>());

    public static async Task<MqttClient> ConnectedAsync(MqttClientOptions options, CancellationToken cancellationToken, params string[] topicFilters)
    {
        var client = Create(options);
        foreach (var filter in topicFilters)
        {
            client.Subscribe(filter, qos: 1);
        }
        client.Start();
        await client.WaitUntilConnectedAsync(cancellationToken);
        return client;
    }

    /// <summary>Completes at the client's next disconnect (registered before the action that causes it).</summary>
    public static Task NextDisconnectAsync(MqttClient client, CancellationToken cancellationToken)
    {
        var disconnected = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        client.ConnectionChanged += (_, e) =>
        {
            if (!e.IsConnected)
            {
                disconnected.TrySetResult();
            }
        };
        return disconnected.Task.WaitAsync(cancellationToken);
    }

    public static async Task<List<MqttMessage>> ReadAsync(MqttClient client, int count, CancellationToken cancellationToken)
    {
        var messages = new List<MqttMessage>(count);
        while (messages.Count < count)
        {
            messages.Add(await client.Messages.ReadAsync(cancellationToken));
        }
        return messages;
    }

    /// <summary>Reads until a message with <paramref name="endPayload"/> arrives; returns those before it.</summary>
    public static async Task<List<string>> ReadUntilAsync(MqttClient client, string endPayload, CancellationToken cancellationToken)
    {
        var payloads = new List<string>();
        while (true)
        {
            var payload = Text(await client.Messages.ReadAsync(cancellationToken));
            if (payload == endPayload)
            {
                return payloads;
            }
            payloads.Add(payload);
        }
    }


    public static byte[] Bytes(string text) => Encoding.UTF8.GetBytes(text);

    public static string Text(MqttMessage message) => Encoding.UTF8.GetString(message.Payload.Span);

    public static string UniqueId(string prefix) => $"{prefix}-{Guid.NewGuid():N}";
}
