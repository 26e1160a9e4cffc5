using System.Diagnostics;
using System.Globalization;
using System.Net.Sockets;
using System.Text;

namespace CleanroomMonitor.TestSupport;

/// <summary>
/// A real Eclipse Mosquitto broker (<c>/usr/sbin/mosquitto -c</c>) on a free loopback port with its own data
/// folder. Persistence is on (sessions and queued QoS 1 messages survive <see cref="RestartAsync"/>, as they
/// do in production) and the per-client queue is unlimited, so a test never loses messages to broker limits.
/// </summary>
public sealed class MosquittoProcess : IAsyncDisposable
{
    private const string Executable = "/usr/sbin/mosquitto";
    private static readonly TimeSpan ReadyTimeout = TimeSpan.FromSeconds(10);

    private readonly TempDirectory _directory;
    private readonly StringBuilder _previousOutput = new();
    private ServerProcess? _server;

    private readonly MosquittoTls? _tls;
    private readonly IReadOnlyList<string> _extraConfiguration;

    private MosquittoProcess(TempDirectory directory, int port, MosquittoTls? tls, IReadOnlyList<string> extraConfiguration)
    {
        _directory = directory;
        Port = port;
        _tls = tls;
        _extraConfiguration = extraConfiguration;
    }

    public string Host { get; } = "127.0.0.1";

    public int Port { get; }

    /// <summary>The broker's persistence folder (mosquitto.db is written there on SIGTERM and every autosave).</summary>
    public string DataDirectory => _directory.Combine("data");

    public string ConfigFile => _directory.Combine("mosquitto.conf");

    /// <summary>Everything the broker wrote, across restarts, for assertion messages.</summary>
    public string Output => _previousOutput + (_server?.Output ?? string.Empty);

    public bool IsRunning => _server is { HasExited: false };

    /// <summary>Starts a broker and waits until its port accepts TCP connections.</summary>
    /// <param name="username">With <paramref name="password"/>: only this user may connect (password file, no anonymous access).</param>
    /// <param name="password">The user's password.</param>
    /// <param name="cancellationToken">Cancels the wait for readiness.</param>
    public static Task<MosquittoProcess> StartAsync(string? username = null, string? password = null, CancellationToken cancellationToken = default) =>
        StartCoreAsync(null, username, password, [], cancellationToken);

    /// <summary>Starts a broker whose only listener is TLS (loopback), with the certificate files of <paramref name="tls"/>.</summary>
    public static Task<MosquittoProcess> StartAsync(MosquittoTls tls, string? username = null, string? password = null, CancellationToken cancellationToken = default) =>
        StartCoreAsync(tls ?? throw new ArgumentNullException(nameof(tls)), username, password, [], cancellationToken);

    /// <summary>Starts a broker as <see cref="StartAsync(string?, string?, CancellationToken)"/> does (anonymous, loopback,
    /// persistent) with <paramref name="extraConfiguration"/> written after everything else, say a bridge section
    /// (<see cref="BridgedBrokers"/>). The lines go last because a <c>connection</c> line opens a bridge section that
    /// the lines after it belong to.</summary>
    public static Task<MosquittoProcess> StartWithConfigurationAsync(IEnumerable<string> extraConfiguration, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(extraConfiguration);
        return StartCoreAsync(null, null, null, [.. extraConfiguration], cancellationToken);
    }

    private static async Task<MosquittoProcess> StartCoreAsync(MosquittoTls? tls, string? username, string? password,
        IReadOnlyList<string> extraConfiguration, CancellationToken cancellationToken)
    {
        var directory = new TempDirectory("mosquitto");
        Directory.CreateDirectory(directory.Combine("data"));
        string? passwordFile = null;
        if (username is not null)
        {
            passwordFile = directory.Combine("passwords");
            await CreatePasswordFileAsync(passwordFile, username, password ?? string.Empty, cancellationToken);
        }
        // FreePort can race with another process taking the port before mosquitto binds it: try a few ports.
        for (var attempt = 1; ; attempt++)
        {
            var broker = new MosquittoProcess(directory, FreePort.Next(), tls, extraConfiguration);
            broker.WriteConfig(passwordFile);
            try
            {
                await broker.StartAgainAsync(cancellationToken);
                return broker;
            }
            catch (InvalidOperationException) when (attempt < 3 && broker.Output.Contains("Address already in use", StringComparison.Ordinal))
            {
                await broker.StopAsync();
            }
            catch
            {
                await broker.StopAsync();
                directory.Dispose();
                throw;
            }
        }
    }

    /// <summary>Stops the broker with SIGTERM, so it saves its persistence file, as for a planned restart or outage.</summary>
    public async Task StopAsync()
    {
        if (_server is null)
        {
            return;
        }
        await _server.StopAsync();
        _previousOutput.Append(_server.Output);
        await _server.DisposeAsync();
        _server = null;
    }

    /// <summary>Starts the broker again on the same port with the same data folder and waits until it accepts connections.</summary>
    public async Task StartAgainAsync(CancellationToken cancellationToken = default)
    {
        if (_server is not null)
        {
            throw new InvalidOperationException("The broker is already running.");
        }
        _server = ServerProcess.Start(Executable, ["-c", ConfigFile], _directory.Path);
        await _server.WaitUntilReadyAsync(AcceptsConnectionsAsync, ReadyTimeout, cancellationToken);
    }

    /// <summary>SIGTERM (persistence saved), then the same broker again.</summary>
    public async Task RestartAsync(CancellationToken cancellationToken = default)
    {
        await StopAsync();
        await StartAgainAsync(cancellationToken);
    }

    public async ValueTask DisposeAsync()
    {
        await StopAsync();
        _directory.Dispose();
    }

    private void WriteConfig(string? passwordFile)
    {
        var config = new StringBuilder()
            .AppendLine(CultureInfo.InvariantCulture, $"listener {Port} {Host}");   // without the address it binds 0.0.0.0
        if (_tls is not null)
        {
            config.AppendLine(CultureInfo.InvariantCulture, $"cafile {_tls.CaFile}")
                .AppendLine(CultureInfo.InvariantCulture, $"certfile {_tls.CertFile}")
                .AppendLine(CultureInfo.InvariantCulture, $"keyfile {_tls.KeyFile}")
                .AppendLine(CultureInfo.InvariantCulture, $"require_certificate {(_tls.RequireClientCertificate ? "true" : "false")}");
        }
        config
            .AppendLine(CultureInfo.InvariantCulture, $"allow_anonymous {(passwordFile is null ? "true" : "false")}")
            .AppendLine("persistence true")
            .AppendLine(CultureInfo.InvariantCulture, $"persistence_location {DataDirectory}/")
            .AppendLine("autosave_interval 1")
            .AppendLine("max_queued_messages 0")      // 0 = no limit: a persistent session must never drop
            .AppendLine("max_queued_bytes 0")
            .AppendLine("max_inflight_messages 1000")   // as the shipped configurations: the 3.1.1 window (docs/mqtt.md)
            .AppendLine("log_dest stderr")
            .AppendLine("log_type error")
            .AppendLine("log_type warning")
            .AppendLine("log_type notice")
            .AppendLine("log_type information")
            // Run as root, mosquitto 2.0 switches to the "mosquitto" user, which cannot write our temp folder.
            .AppendLine(CultureInfo.InvariantCulture, $"user {Environment.UserName}");
        if (passwordFile is not null)
        {
            config.AppendLine(CultureInfo.InvariantCulture, $"password_file {passwordFile}");
        }
        foreach (var line in _extraConfiguration)
        {
            config.AppendLine(line);
        }
        File.WriteAllText(ConfigFile, config.ToString());
    }

    private Task<bool> AcceptsConnectionsAsync(CancellationToken cancellationToken) => FreePort.AcceptsConnectionsAsync(Host, Port, cancellationToken);

    private static async Task CreatePasswordFileAsync(string path, string username, string password, CancellationToken cancellationToken)
    {
        using var process = Process.Start(new ProcessStartInfo("mosquitto_passwd", ["-b", "-c", path, username, password])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        }) ?? throw new InvalidOperationException("Could not start mosquitto_passwd.");
        var error = process.StandardError.ReadToEndAsync(cancellationToken);
        await process.WaitForExitAsync(cancellationToken);
        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException($"mosquitto_passwd failed ({process.ExitCode}): {await error}");
        }
    }
}
