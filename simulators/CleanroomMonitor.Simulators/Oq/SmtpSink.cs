using System.Collections.Concurrent;
using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Text;

namespace CleanroomMonitor.Simulators.Oq;

/// <summary>The OQ kit's SMTP sink: a plain SMTP server on loopback (RFC 5321 without extensions: no STARTTLS, no AUTH)
/// that accepts every mail, keeps it with the moment its DATA was accepted, and relays nothing. The installation under
/// test sends its alarm mails here (<c>Notifications:Email</c> with <c>Security</c> <c>None</c>), so the kit can see
/// when a mail was accepted, as the site's relay would have accepted it.</summary>
internal sealed class SmtpSink : IAsyncDisposable
{
    private const string ExcursionHeader = "X-Cleanroom-Excursion";   // EmailChannel.ExcursionHeader
    private static readonly Encoding Wire = Encoding.Latin1;           // bytes as they are: mails may be 8-bit

    private readonly TcpListener _listener;
    private readonly TimeProvider _time;
    private readonly CancellationTokenSource _stop = new();
    private readonly ConcurrentQueue<SunkMail> _mails = new();
    private readonly ConcurrentDictionary<Task, bool> _sessions = new();
    private Task _accepting = Task.CompletedTask;

    private SmtpSink(TcpListener listener, TimeProvider time)
    {
        _listener = listener;
        _time = time;
    }

    public int Port => ((IPEndPoint)_listener.LocalEndpoint).Port;

    /// <summary>The mails accepted so far, in order.</summary>
    public IReadOnlyList<SunkMail> Mails => [.. _mails];

    /// <param name="port">The loopback port; 0 lets the system choose (tests).</param>
    public static SmtpSink Start(int port, TimeProvider time)
    {
        var listener = new TcpListener(IPAddress.Loopback, port);
        listener.Start();
        var sink = new SmtpSink(listener, time);
        sink._accepting = sink.AcceptAsync(sink._stop.Token);
        return sink;
    }

    private async Task AcceptAsync(CancellationToken cancellationToken)
    {
        try
        {
            while (true)
            {
                var client = await _listener.AcceptTcpClientAsync(cancellationToken);
                var session = ServeAsync(client, cancellationToken);
                _sessions[session] = true;
                _ = session.ContinueWith(t => _sessions.TryRemove(t, out _), TaskScheduler.Default);
            }
        }
        catch (Exception ex) when (cancellationToken.IsCancellationRequested
                                   && ex is OperationCanceledException or SocketException or ObjectDisposedException)
        {
            // Stopped: the listener closed under a pending accept.
        }
    }

    private async Task ServeAsync(TcpClient client, CancellationToken cancellationToken)
    {
        using var _ = client;
        try
        {
            await using var stream = client.GetStream();
            using var reader = new StreamReader(stream, Wire);
            await using var writer = new StreamWriter(stream, Wire) { NewLine = "\r\n", AutoFlush = true };
            await writer.WriteLineAsync("220 oq-kit SMTP sink");
            string? from = null;
            var recipients = new List<string>();
            while (await reader.ReadLineAsync(cancellationToken) is { } line)
            {
                var verb = (line.Length >= 4 ? line[..4] : line).ToUpperInvariant();
                switch (verb)
                {
                    case "EHLO" or "HELO":
                        await writer.WriteLineAsync("250 oq-kit");
                        break;
                    case "MAIL":
                        from = Address(line);
                        recipients.Clear();
                        await writer.WriteLineAsync("250 2.1.0 Ok");
                        break;
                    case "RCPT":
                        recipients.Add(Address(line));
                        await writer.WriteLineAsync("250 2.1.5 Ok");
                        break;
                    case "DATA" when from is not null && recipients.Count > 0:
                        await writer.WriteLineAsync("354 End data with <CR><LF>.<CR><LF>");
                        var data = await ReadDataAsync(reader, cancellationToken);
                        var mail = new SunkMail(from, [.. recipients], _time.GetUtcNow(), ExcursionOf(data), data);
                        _mails.Enqueue(mail);
                        await writer.WriteLineAsync(string.Create(CultureInfo.InvariantCulture, $"250 2.0.0 Ok: queued as oq-{_mails.Count}"));
                        from = null;
                        recipients.Clear();
                        break;
                    case "DATA":
                        await writer.WriteLineAsync("503 5.5.1 MAIL and RCPT first");
                        break;
                    case "RSET":
                        from = null;
                        recipients.Clear();
                        await writer.WriteLineAsync("250 2.0.0 Ok");
                        break;
                    case "NOOP":
                        await writer.WriteLineAsync("250 2.0.0 Ok");
                        break;
                    case "QUIT":
                        await writer.WriteLineAsync("221 2.0.0 Bye");
                        return;
                    default:
                        await writer.WriteLineAsync("502 5.5.2 Command not recognized");
                        break;
                }
            }
        }
        catch (Exception ex) when (ex is IOException or SocketException or ObjectDisposedException
                                   || (ex is OperationCanceledException && cancellationToken.IsCancellationRequested))
        {
            // A client that hangs up, or the sink stopping: the session ends; accepted mails are kept.
        }
    }

    private static async Task<string> ReadDataAsync(StreamReader reader, CancellationToken cancellationToken)
    {
        var data = new StringBuilder();
        while (await reader.ReadLineAsync(cancellationToken) is { } line && line != ".")
        {
            data.Append(line.StartsWith('.') ? line[1..] : line).Append("\r\n");   // RFC 5321 §4.5.2 dot-stuffing
        }
        return data.ToString();
    }

    /// <summary>The address in <c>MAIL FROM:&lt;a@b&gt;</c> or <c>RCPT TO:&lt;a@b&gt; …</c>.</summary>
    private static string Address(string line)
    {
        var open = line.IndexOf('<', StringComparison.Ordinal);
        var close = line.IndexOf('>', open + 1);
        return open >= 0 && close > open ? line[(open + 1)..close] : line[(line.IndexOf(':', StringComparison.Ordinal) + 1)..].Trim();
    }

    /// <summary>The excursion id the service puts in every alarm mail's header, or null.</summary>
    private static Guid? ExcursionOf(string data)
    {
        foreach (var line in data.Split("\r\n"))
        {
            if (line.Length == 0)
            {
                break;   // end of the header
            }
            if (line.StartsWith(ExcursionHeader + ":", StringComparison.OrdinalIgnoreCase)
                && Guid.TryParse(line[(ExcursionHeader.Length + 1)..].Trim(), CultureInfo.InvariantCulture, out var id))
            {
                return id;
            }
        }
        return null;
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        _listener.Stop();
        await _accepting;
        await Task.WhenAll(_sessions.Keys);
        _stop.Dispose();
    }
}
