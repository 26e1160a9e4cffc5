using System.Globalization;
using System.Net.Sockets;
using System.Text.Json;

namespace CleanroomMonitor.TestSupport.Smtp;

/// <summary>
/// A real SMTP server (Debian's <c>python3-aiosmtpd</c>, driven by <c>smtp_server.py</c> beside this file) on a free
/// loopback port. Every message it accepts is spooled as a file before its 250 reply, so <see cref="Received"/> holds a
/// message as soon as the client has its answer. A traceback or an error line from the server is a crash: reading the
/// messages or disposing the fixture then fails with the server's output.
/// </summary>
public sealed class SmtpServerProcess : IAsyncDisposable
{
    /// <summary>The only account of a server started with <see cref="SmtpServerOptions.RequireAuth"/>.</summary>
    public const string User = "alarm-sender";

    public const string Password = "s3cret pass";

    private const string Python = "/usr/bin/python3";   // Debian's, where python3-aiosmtpd is installed (not a pyenv shim)
    private static readonly TimeSpan ReadyTimeout = TimeSpan.FromSeconds(15);

    private readonly TempDirectory _directory;
    private readonly ServerProcess _server;

    private SmtpServerProcess(TempDirectory directory, ServerProcess server, int port)
    {
        _directory = directory;
        _server = server;
        Port = port;
    }

    public string Host { get; } = "127.0.0.1";

    public int Port { get; }

    /// <summary>Everything the server printed, for assertion messages.</summary>
    public string Output => _server.Output;

    public static async Task<SmtpServerProcess> StartAsync(SmtpServerOptions? options = null, CancellationToken cancellationToken = default)
    {
        options ??= new SmtpServerOptions();
        if (options.Tls != SmtpTls.None && options.Certificates is null)
        {
            throw new ArgumentException("A TLS server needs certificates.", nameof(options));
        }
        var directory = new TempDirectory("smtp");
        try
        {
            var script = directory.Combine("smtp_server.py");
            await using (var source = typeof(SmtpServerProcess).Assembly.GetManifestResourceStream("CleanroomMonitor.TestSupport.Smtp.smtp_server.py")
                ?? throw new InvalidOperationException("smtp_server.py is not embedded in TestSupport."))
            await using (var target = File.Create(script))
            {
                await source.CopyToAsync(target, cancellationToken);
            }
            Directory.CreateDirectory(directory.Combine("spool"));
            // FreePort can race with another process taking the port before the server binds it: try a few ports.
            for (var attempt = 1; ; attempt++)
            {
                var port = FreePort.Next();
                var server = ServerProcess.Start(Python, Arguments(script, directory.Combine("spool"), port, options), directory.Path);
                var smtp = new SmtpServerProcess(directory, server, port);
                try
                {
                    await server.WaitUntilReadyAsync(smtp.AcceptsConnectionsAsync, ReadyTimeout, cancellationToken);
                    return smtp;
                }
                catch (InvalidOperationException) when (attempt < 3 && server.Output.Contains("Address already in use", StringComparison.Ordinal))
                {
                    await server.DisposeAsync();
                }
                catch
                {
                    await server.DisposeAsync();
                    throw;
                }
            }
        }
        catch
        {
            directory.Dispose();
            throw;
        }
    }

    /// <summary>The messages accepted so far, in order.</summary>
    /// <exception cref="InvalidOperationException">The server crashed or logged an error.</exception>
    public IReadOnlyList<ReceivedMail> Received()
    {
        ThrowIfCrashed();
        return [.. Directory.GetFiles(_directory.Combine("spool"), "message-*.json").Order(StringComparer.Ordinal).Select(Read)];
    }

    /// <summary>How many messages the server has accepted so far: a cheap probe for a benchmark that acts after the Nth.</summary>
    public int ReceivedCount => Directory.GetFiles(_directory.Combine("spool"), "message-*.json").Length;

    /// <summary>Stops the server (SIGTERM), as an outage would; the fixture cannot start again.</summary>
    public Task StopAsync() => _server.StopAsync();

    public async ValueTask DisposeAsync()
    {
        await _server.DisposeAsync();
        _directory.Dispose();
        ThrowIfCrashed();
    }

    private void ThrowIfCrashed()
    {
        var output = _server.Output;
        if (output.Contains("Traceback", StringComparison.Ordinal) || output.Contains("ERROR ", StringComparison.Ordinal)
            || output.Contains("CRITICAL ", StringComparison.Ordinal))
        {
            throw new InvalidOperationException($"The SMTP test server failed:\n{output}");
        }
    }

    private static IEnumerable<string> Arguments(string script, string spool, int port, SmtpServerOptions options)
    {
        yield return script;
        yield return "--port";
        yield return port.ToString(CultureInfo.InvariantCulture);
        yield return "--spool";
        yield return spool;
        yield return "--tls";
        yield return options.Tls switch { SmtpTls.StartTls => "starttls", SmtpTls.Implicit => "implicit", _ => "none" };
        if (options.Certificates is { } certificates)
        {
            yield return "--cert";
            yield return certificates.ServerCertFile;
            yield return "--key";
            yield return certificates.ServerKeyFile;
        }
        if (options.RequireAuth)
        {
            yield return "--user";
            yield return User;
            yield return "--password";
            yield return Password;
        }
        if (options.RefuseRecipient is { } recipient)
        {
            yield return "--refuse-rcpt";
            yield return recipient;
        }
        if (options.RefuseData is { } data)
        {
            yield return "--refuse-data";
            yield return data;
        }
    }

    private static ReceivedMail Read(string file)
    {
        using var json = JsonDocument.Parse(File.ReadAllBytes(file));
        var root = json.RootElement;
        return new ReceivedMail(
            root.GetProperty("mailFrom").GetString() ?? string.Empty,
            [.. root.GetProperty("recipients").EnumerateArray().Select(r => r.GetString() ?? string.Empty)],
            root.GetProperty("tls").GetBoolean(),
            root.GetProperty("login").GetString(),
            Convert.FromBase64String(root.GetProperty("data").GetString() ?? string.Empty),
            DateTimeOffset.UnixEpoch.AddTicks(root.GetProperty("receivedAtNs").GetInt64() / 100));
    }

    private Task<bool> AcceptsConnectionsAsync(CancellationToken cancellationToken) => FreePort.AcceptsConnectionsAsync(Host, Port, cancellationToken);
}
