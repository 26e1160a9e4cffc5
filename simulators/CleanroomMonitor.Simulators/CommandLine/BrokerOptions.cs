using System.CommandLine;
using CleanroomMonitor.Mqtt.Client;
using Microsoft.Extensions.Logging.Abstractions;

namespace CleanroomMonitor.Simulators.CommandLine;

/// <summary>How a command reaches the MQTT broker: host and port, and for a production broker (docs/security.md) a user
/// name with its password and TLS with the site's CA, optionally a client certificate. The password is read from
/// <see cref="PasswordVariable"/>, never an argument: arguments show in the process list and the shell history.</summary>
internal sealed class BrokerOptions
{
    public const string PasswordVariable = "CLEANROOM_MQTT_PASSWORD";

    public Option<string> Host { get; } = new("--host") { Description = "MQTT broker host", DefaultValueFactory = _ => "127.0.0.1" };

    public Option<int> Port { get; } = new("--port") { Description = "MQTT broker port", DefaultValueFactory = _ => 1883 };

    public Option<string?> Username { get; } = new("--username") { Description = $"MQTT user name; its password from {PasswordVariable}" };

    public Option<FileInfo?> CaFile { get; } = new("--ca-file") { Description = "Connect with TLS and trust this CA certificate (PEM), as the service's Mqtt:CaFile" };

    public Option<FileInfo?> CertFile { get; } = new("--cert-file") { Description = "Client certificate (PEM) for mutual TLS, with --key-file and --ca-file" };

    public Option<FileInfo?> KeyFile { get; } = new("--key-file") { Description = "The client certificate's private key (PEM)" };

    public IEnumerable<Option> All => [Host, Port, Username, CaFile, CertFile, KeyFile];

    /// <summary>Adds the options to <paramref name="command"/>, with their rules: a client certificate needs its key and TLS.</summary>
    public void AddTo(Command command)
    {
        foreach (var option in All)
        {
            command.Options.Add(option);
        }
        command.RequireFor(CaFile, CertFile, KeyFile);
        command.RequireFor(CertFile, KeyFile);
        command.RequireFor(KeyFile, CertFile);
    }

    /// <summary>Connects as <paramref name="role"/> and waits until the broker accepted the session.</summary>
    public async Task<MqttClient> ConnectAsync(ParseResult parse, string role, CancellationToken cancellationToken)
    {
        var username = parse.GetValue(Username);
        var client = new MqttClient(new MqttClientOptions
        {
            Host = parse.GetValue(Host)!,
            Port = parse.GetValue(Port),
            ClientId = $"cleanroom-{role}-{Guid.NewGuid():N}"[..32],
            CleanSession = true,
            Username = username,
            Password = username is null ? null : Environment.GetEnvironmentVariable(PasswordVariable),
            CaFile = parse.GetValue(CaFile)?.FullName,
            CertFile = parse.GetValue(CertFile)?.FullName,
            KeyFile = parse.GetValue(KeyFile)?.FullName,
        }, TimeProvider.System, NullLogger<MqttClient>.Instance);
        client.Start();
        await client.WaitUntilConnectedAsync(cancellationToken);
        return client;
    }
}
