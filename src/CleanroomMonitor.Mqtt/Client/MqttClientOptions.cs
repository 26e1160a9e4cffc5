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

    /// <summary>MQTT protocol version. MQTT 5 brings session expiry, reason codes on every refusal and acknowledgement
    /// (logged), a Receive Maximum the broker honours, and retained messages sent only for new subscriptions.</summary>
    /// <value>Default: <see cref="MqttProtocolVersion.V5"/> (mosquitto 2 speaks it); 3.1.1 for older brokers.</value>
    public MqttProtocolVersion ProtocolVersion { get; set; } = MqttProtocolVersion.V5;

    /// <summary>MQTT 5 only: the Session Expiry Interval sent on CONNECT (property 17) when <see cref="CleanSession"/> is
    /// false. Without it a v5 session ends at disconnect even with clean start off (docs/instruments.md §4, probe 0/10 vs
    /// 10/10). Not sent for a clean session, which the broker must forget at disconnect. Ignored for 3.1.1.</summary>
    /// <value>Default: 1 day.</value>
    [Range(typeof(TimeSpan), "00:00:00", "49710.06:28:15")]
    public TimeSpan SessionExpiry { get; set; } = TimeSpan.FromDays(1);

    /// <summary>MQTT keep-alive, 5 s to 65535 s (the protocol counts whole seconds).</summary>
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

    /// <summary>First reconnect delay after a failed attempt or a lost connection.</summary>
    /// <value>Default: 1 second.</value>
    [Range(typeof(TimeSpan), "00:00:01", "01:00:00")]
    public TimeSpan ReconnectDelayMin { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>Longest reconnect delay (exponential back-off up to here); at least <see cref="ReconnectDelayMin"/>.</summary>
    /// <value>Default: 30 seconds.</value>
    [Range(typeof(TimeSpan), "00:00:01", "01:00:00")]
    public TimeSpan ReconnectDelayMax { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>QoS 1/2 messages in flight at once in each direction: publishes awaiting their PUBACK (more wait in the
    /// client's queue), and, with MQTT 5, the Receive Maximum the broker may send before this client acknowledges. With
    /// <see cref="AcknowledgeAfterHandling"/> the second is the window in which the service commits: too small a window
    /// caps ingest at about this many messages per group commit. MQTT 3.1.1 has no Receive Maximum: the broker's own
    /// limit applies (mosquitto: <c>max_inflight_messages</c>, 20 unless configured).</summary>
    /// <value>Default: 1 000.</value>
    [Range(1, 65535)]
    public int MaxInflight { get; set; } = 1_000;

    /// <summary>Capacity of the <see cref="MqttClient.Messages"/> channel. When it is full the client stops taking
    /// messages from the library; unacknowledged QoS 1/2 messages then stay with the broker, nothing is dropped.</summary>
    /// <value>Default: 10 000.</value>
    [Range(1, 10_000_000)]
    public int InboxCapacity { get; set; } = 10_000;

    /// <summary>Acknowledges a QoS 1/2 message only when its consumer calls <see cref="MqttMessage.Acknowledge"/> (after
    /// the durable commit, in the service), instead of when it enters <see cref="MqttClient.Messages"/>. A crash then
    /// loses nothing: the broker keeps and sends again what was not acknowledged. The service's sources always set it;
    /// it is not read from configuration.</summary>
    /// <value>Default: false.</value>
    public bool AcknowledgeAfterHandling { get; set; }

    /// <summary>Consecutive refused CONNACKs (bad credentials, banned id) after which the client stops retrying
    /// and faults: a refusal does not heal by retrying, and retrying for ever would only fill the broker's log.</summary>
    /// <value>Default: 5.</value>
    [Range(1, 1000)]
    public int MaxConnectRefusals { get; set; } = 5;
}
