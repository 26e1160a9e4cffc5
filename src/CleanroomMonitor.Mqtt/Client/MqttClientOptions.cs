using System.ComponentModel.DataAnnotations;

namespace CleanroomMonitor.Mqtt.Client;

/// <summary>How an <see cref="MqttClient"/> connects to its broker. Validated when the client is created
/// (<see cref="MqttClientOptionsValidator"/> plus the cross-field rules listed on each property).</summary>
public sealed class MqttClientOptions
{
    /// <summary>Broker host name or address.</summary>
    /// <value>Default: 127.0.0.1.</value>
    [Required]
    public string Host { get; set; } = "127.0.0.1";

    /// <summary>Broker TCP port.</summary>
    /// <value>Default: 1883 (8883 is usual for TLS).</value>
    [Range(1, 65535)]
    public int Port { get; set; } = 1883;

    /// <summary>The MQTT client identifier. The broker keeps a persistent session under this id, so it is
    /// required unless <see cref="CleanSession"/> is true, and must be unique per connected client.</summary>
    /// <value>Default: none.</value>
    [StringLength(65535, MinimumLength = 1)]
    public string? ClientId { get; set; }

    /// <summary>Starts with a clean session (MQTT 5: clean start) and lets the broker forget it at disconnect.
    /// False keeps QoS 1 messages queued on the broker while the client is away.</summary>
    /// <value>Default: false (GMP readings must survive a service restart).</value>
    public bool CleanSession { get; set; }

    /// <summary>MQTT protocol version.</summary>
    /// <value>Default: <see cref="MqttProtocolVersion.V311"/>.</value>
    public MqttProtocolVersion ProtocolVersion { get; set; } = MqttProtocolVersion.V311;

    /// <summary>MQTT 5 only: the Session Expiry Interval sent on CONNECT (property 17). Without it a v5 session
    /// ends at disconnect even with clean start off (docs/instruments.md §4, probe 0/10 vs 10/10). Ignored for 3.1.1.</summary>
    /// <value>Default: 1 day.</value>
    [Range(typeof(TimeSpan), "00:00:00", "49710.06:28:15")]
    public TimeSpan SessionExpiry { get; set; } = TimeSpan.FromDays(1);

    /// <summary>MQTT keep-alive; libmosquitto accepts 5 s to 65535 s, in whole seconds.</summary>
    /// <value>Default: 30 seconds.</value>
    [Range(typeof(TimeSpan), "00:00:05", "18:12:15")]
    public TimeSpan KeepAlive { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>User name for broker authentication.</summary>
    /// <value>Default: none (anonymous).</value>
    public string? Username { get; set; }

    /// <summary>Password for broker authentication; only used with <see cref="Username"/>.</summary>
    /// <value>Default: none.</value>
    public string? Password { get; set; }

    /// <summary>A file holding the password (a mounted secret), read once at start and trimmed; set it instead of
    /// <see cref="Password"/>, which it replaces. Applied by the service's composition, not by the client.</summary>
    /// <value>Default: none.</value>
    public string? PasswordFile { get; set; }

    /// <summary>CA certificate file (PEM). Setting it turns TLS on.</summary>
    /// <value>Default: none (plain TCP).</value>
    public string? CaFile { get; set; }

    /// <summary>Client certificate (PEM) for mutual TLS; needs <see cref="KeyFile"/> and <see cref="CaFile"/>.</summary>
    /// <value>Default: none.</value>
    public string? CertFile { get; set; }

    /// <summary>Private key (PEM, unencrypted) for <see cref="CertFile"/>.</summary>
    /// <value>Default: none.</value>
    public string? KeyFile { get; set; }

    /// <summary>Skips the broker host name check. Tests only: it allows a man in the middle.</summary>
    /// <value>Default: false.</value>
    public bool TlsInsecure { get; set; }

    /// <summary>First reconnect delay; libmosquitto counts whole seconds.</summary>
    /// <value>Default: 1 second.</value>
    [Range(typeof(TimeSpan), "00:00:01", "01:00:00")]
    public TimeSpan ReconnectDelayMin { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>Longest reconnect delay (exponential back-off up to here); at least <see cref="ReconnectDelayMin"/>.</summary>
    /// <value>Default: 30 seconds.</value>
    [Range(typeof(TimeSpan), "00:00:01", "01:00:00")]
    public TimeSpan ReconnectDelayMax { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>QoS 1/2 messages in flight at once (MQTT 5: Receive/Send Maximum); more wait in the client queue.</summary>
    /// <value>Default: 100.</value>
    [Range(1, 65535)]
    public int MaxInflight { get; set; } = 100;

    /// <summary>Capacity of the <see cref="MqttClient.Messages"/> channel. The library has already sent PUBACK
    /// when a message reaches it, so a full inbox loses messages: size it for the longest consumer stall.</summary>
    /// <value>Default: 10 000.</value>
    [Range(1, 10_000_000)]
    public int InboxCapacity { get; set; } = 10_000;

    /// <summary>How long the client may stay disconnected before the watchdog restarts libmosquitto's network
    /// loop (the loop thread ends silently on TLS and protocol errors, docs/instruments.md §4).</summary>
    /// <value>Default: 60 seconds; at least <see cref="ReconnectDelayMax"/> is sensible so a normal back-off is not cut short.</value>
    [Range(typeof(TimeSpan), "00:00:01", "01:00:00")]
    public TimeSpan WatchdogTimeout { get; set; } = TimeSpan.FromSeconds(60);

    /// <summary>Consecutive refused CONNACKs (bad credentials, banned id) after which the client stops retrying
    /// and faults; libmosquitto would otherwise retry forever.</summary>
    /// <value>Default: 5.</value>
    [Range(1, 1000)]
    public int MaxConnectRefusals { get; set; } = 5;
}
