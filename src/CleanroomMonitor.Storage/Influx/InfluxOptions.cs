using System.ComponentModel.DataAnnotations;

namespace CleanroomMonitor.Storage.Influx;

/// <summary>How to reach InfluxDB and how to batch writes (section <c>Influx</c>).</summary>
public sealed class InfluxOptions
{
    public const string SectionName = "Influx";

    /// <summary>The server's base address; a path prefix (behind a reverse proxy) is kept.</summary>
    /// <value>Default: <c>http://127.0.0.1:8086</c>.</value>
    [Required]
    public Uri Url { get; set; } = new("http://127.0.0.1:8086");

    /// <summary>The write API: <see cref="InfluxApiVersion.V1"/> serves 1.x, 2.x with v1 authentication and 3.x;
    /// <see cref="InfluxApiVersion.V2"/> needs <see cref="Org"/>, <see cref="Bucket"/> and <see cref="Token"/>.
    /// Queries always use the InfluxQL <c>/query</c> endpoint (2.x needs a DBRP mapping for <see cref="Database"/>).</summary>
    /// <value>Default: <see cref="InfluxApiVersion.V1"/>.</value>
    [EnumDataType(typeof(InfluxApiVersion))]
    public InfluxApiVersion ApiVersion { get; set; } = InfluxApiVersion.V1;

    /// <summary>The database written (V1) and queried.</summary>
    /// <value>Default: <c>cleanroom</c>.</value>
    [Required]
    public string Database { get; set; } = "cleanroom";

    /// <summary>The retention policy written to (V1); created with an infinite duration if missing. Empty means the
    /// database's default policy.</summary>
    /// <value>Default: none.</value>
    public string? RetentionPolicy { get; set; }

    /// <summary>The organisation (V2).</summary>
    /// <value>Default: none; required for V2.</value>
    public string? Org { get; set; }

    /// <summary>The bucket (V2).</summary>
    /// <value>Default: none; required for V2.</value>
    public string? Bucket { get; set; }

    /// <summary>The API token, sent as <c>Authorization: Token …</c> (V2, and V1 when no <see cref="Username"/> is set).</summary>
    /// <value>Default: none; required for V2.</value>
    public string? Token { get; set; }

    /// <summary>A file holding the token (a mounted secret), read once at start and trimmed; set it instead of
    /// <see cref="Token"/>, which it replaces. Applied by the service's composition.</summary>
    /// <value>Default: none.</value>
    public string? TokenFile { get; set; }

    /// <summary>The user for basic authentication (V1).</summary>
    /// <value>Default: none (no authentication).</value>
    public string? Username { get; set; }

    /// <summary>The password for basic authentication (V1).</summary>
    /// <value>Default: none.</value>
    public string? Password { get; set; }

    /// <summary>A file holding the password (a mounted secret), read once at start and trimmed; set it instead of
    /// <see cref="Password"/>, which it replaces. Applied by the service's composition.</summary>
    /// <value>Default: none.</value>
    public string? PasswordFile { get; set; }

    /// <summary>The most records sent in one write. InfluxDB recommends 5,000 lines per request.</summary>
    /// <value>Default: 5000.</value>
    [Range(1, 1_000_000)]
    public int BatchSize { get; set; } = 5000;

    /// <summary>How long the forwarder waits for a batch to fill before it writes what it has.</summary>
    /// <value>Default: 1 second.</value>
    [Range(typeof(TimeSpan), "00:00:00", "00:10:00")]
    public TimeSpan FlushInterval { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>How long one HTTP request may take before it is abandoned and treated as retryable.</summary>
    /// <value>Default: 10 seconds.</value>
    [Range(typeof(TimeSpan), "00:00:00.100", "00:10:00")]
    public TimeSpan RequestTimeout { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>Whether write bodies are gzip-compressed (<c>Content-Encoding: gzip</c>); line protocol shrinks
    /// about tenfold, which matters when catching up after an outage.</summary>
    /// <value>Default: true.</value>
    public bool Gzip { get; set; } = true;
}
