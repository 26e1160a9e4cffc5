using System.Globalization;

namespace CleanroomMonitor.Simulators.Oq;

/// <summary>What the OQ kit listens with for alarms to people (docs/simulators.md, "Alarm delivery"): its
/// <see cref="SmtpSink"/> and its <see cref="GatewayListener"/>, on loopback ports the installation under test is
/// configured to send to. <see cref="CheckAsync"/> measures, for one excursion, how long after the breach a mail was
/// accepted and a gateway request arrived.</summary>
internal sealed class AlarmSinks(SmtpSink smtp, GatewayListener gateway, TimeProvider time) : IAsyncDisposable
{
    /// <summary>The path the installation's gateway URL names (<c>http://127.0.0.1:&lt;gateway port&gt;/oq/sms</c>).</summary>
    public const string GatewayPath = "/oq/sms";

    public SmtpSink Smtp => smtp;

    public GatewayListener Gateway => gateway;

    public static async Task<AlarmSinks> StartAsync(int smtpPort, int gatewayPort, TimeProvider time, CancellationToken cancellationToken)
    {
        var smtp = SmtpSink.Start(smtpPort, time);
        try
        {
            return new AlarmSinks(smtp, await GatewayListener.StartAsync(gatewayPort, time, cancellationToken), time);
        }
        catch
        {
            await smtp.DisposeAsync();
            throw;
        }
    }

    /// <summary>Waits until a mail naming <paramref name="excursion"/> (its <c>X-Cleanroom-Excursion</c> header) and a
    /// gateway request naming it (the body holds <c>{excursionId}</c>) have arrived, or <paramref name="limit"/> after the
    /// breach plus <paramref name="patience"/> has passed; passes when both came within <paramref name="limit"/>.</summary>
    /// <param name="breachAt">When the breach happened: the time stamp of the first reading beyond the limit.</param>
    public async Task<(bool Passed, string Observed)> CheckAsync(Guid excursion, DateTimeOffset breachAt, TimeSpan limit, TimeSpan patience,
        CancellationToken cancellationToken)
    {
        var id = excursion.ToString("D", CultureInfo.InvariantCulture);
        var deadline = breachAt + limit + patience;
        SunkMail? mail = null;
        GatewayRequest? request = null;
        while (true)
        {
            mail ??= smtp.Mails.FirstOrDefault(m => m.Excursion == excursion);
            request ??= gateway.Requests.FirstOrDefault(r => r.Body.Contains(id, StringComparison.OrdinalIgnoreCase));
            if ((mail is not null && request is not null) || time.GetUtcNow() > deadline)
            {
                break;
            }
            await Task.Delay(TimeSpan.FromMilliseconds(100), time, cancellationToken);
        }
        string Latency(DateTimeOffset at) => FormattableString.Invariant($"{(at - breachAt).TotalSeconds:0.0} s");
        var mailText = mail is null ? "no mail accepted by the kit's SMTP sink"
            : $"mail to {string.Join(", ", mail.Recipients)} accepted by the kit's SMTP sink {Latency(mail.AcceptedAt)} after the breach";
        var requestText = request is null ? "no request at the kit's gateway listener"
            : $"gateway request {request.Method} {request.Path} received {Latency(request.ReceivedAt)} after the breach";
        var passed = mail is not null && request is not null && mail.AcceptedAt - breachAt <= limit && request.ReceivedAt - breachAt <= limit;
        return (passed, FormattableString.Invariant($"excursion {id}, breach at {breachAt:HH:mm:ss.f}Z: {mailText}; {requestText} (limit {limit.TotalSeconds:0} s)"));
    }

    public async ValueTask DisposeAsync()
    {
        await gateway.DisposeAsync();
        await smtp.DisposeAsync();
    }
}
