using System.Globalization;
using System.Net.Sockets;
using CleanroomMonitor.Core.Notifications;
using MailKit;
using MailKit.Net.Smtp;
using MailKit.Security;
using Microsoft.Extensions.Options;
using MimeKit;
using MimeKit.Text;
using MimeKit.Utils;

namespace CleanroomMonitor.Service.Notifications.Channels;

/// <summary>Mails a notification through the site's SMTP relay (MailKit). Each attempt opens its own connection,
/// authenticates, sends and quits: alarms are rare, and a pooled connection would have gone stale by the next one.
/// The answer of a delivered mail is the relay's reply to the message ("250 2.0.0 Ok: queued as ...").</summary>
internal sealed class EmailChannel(IOptions<EmailOptions> options, TimeProvider time, ILogger<EmailChannel> logger) : INotificationChannel
{
    /// <summary>The header that ties a mail to its excursion, for a mail archive or a help-desk rule.</summary>
    public const string ExcursionHeader = "X-Cleanroom-Excursion";

    private readonly ChannelHealth _health = new("email", logger);
    private readonly Lazy<SiteCertificateAuthority?> _siteCa = new(() =>
        options.Value.TrustedCaFile is { Length: > 0 } file ? SiteCertificateAuthority.TryLoad(file, out _) : null);

    public string Name => "email";

    public string? AddressFor(Contact contact)
    {
        ArgumentNullException.ThrowIfNull(contact);
        return contact.Email;
    }

    public async Task<DeliveryResult> SendAsync(NotificationMessage message, Contact contact, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(message);
        ArgumentNullException.ThrowIfNull(contact);
        if (contact.Email is not { Length: > 0 } email || !EmailSettingsValidator.IsMailAddress(email))
        {
            // The contact's record is wrong, not the channel: no "channel failing" log for it.
            return DeliveryResult.Failed($"'{contact.Email}' of {contact.Name} is not a mail address");
        }
        var settings = options.Value;
        using var mail = Compose(settings, message, contact, email);
        using var timeout = new CancellationTokenSource(settings.Timeout, time);
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, timeout.Token);
        DeliveryResult result;
        try
        {
            result = DeliveryResult.Accepted(await DeliverAsync(settings, mail, linked.Token, timeout.Token));
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            result = DeliveryResult.Failed(FailureAnswer.TimedOut(settings.Timeout));
        }
        catch (SmtpCommandException ex)
        {
            result = DeliveryResult.Failed(Refusal(ex));
        }
        catch (SocketException ex)
        {
            result = DeliveryResult.Failed($"connection to {settings.Host}:{settings.Port} failed: {FailureAnswer.Of(ex)}");
        }
        catch (Exception ex) when (ex is SmtpProtocolException or AuthenticationException or SslHandshakeException or ServiceNotConnectedException
            or ServiceNotAuthenticatedException or NotSupportedException or IOException or TimeoutException)
        {
            // NotSupportedException: MailKit's word for a server without STARTTLS (Security StartTls) or without AUTH.
            // The timer may surface as an I/O error from a stream it cut, not as a cancellation; and MailKit's own read
            // timeout (SmtpClient.Timeout, the same length) can fire a moment before the timer: both are the timeout.
            var timedOut = timeout.IsCancellationRequested || ex is TimeoutException || ex.InnerException is TimeoutException;
            result = DeliveryResult.Failed(timedOut && !cancellationToken.IsCancellationRequested
                ? FailureAnswer.TimedOut(settings.Timeout)
                : FailureAnswer.Of(ex));
        }
        return _health.Record(result);
    }

    private MimeMessage Compose(EmailOptions settings, NotificationMessage message, Contact contact, string email)
    {
        var from = MailboxAddress.Parse(settings.From!);   // Host and From are [Required] and checked at start
        var mail = new MimeMessage
        {
            Subject = message.Subject,
            Date = time.GetUtcNow(),
            // A fresh id per attempt: a retry is a new mail, and a relay that de-duplicates by Message-Id must not drop it.
            MessageId = MimeUtils.GenerateMessageId(from.Domain),
            Body = new TextPart(TextFormat.Plain) { Text = message.Text },
        };
        mail.From.Add(from);
        mail.To.Add(new MailboxAddress(contact.Name, MailboxAddress.Parse(email).Address));
        mail.Headers.Add(ExcursionHeader, message.ExcursionId.ToString("D", CultureInfo.InvariantCulture));
        return mail;
    }

    /// <param name="attemptToken">The caller's token and the attempt's timer.</param>
    /// <param name="timerToken">The timer alone, for QUIT (see there).</param>
    private async Task<string> DeliverAsync(EmailOptions settings, MimeMessage mail, CancellationToken attemptToken, CancellationToken timerToken)
    {
        using var client = new SmtpClient { Timeout = (int)settings.Timeout.TotalMilliseconds };
        if (_siteCa.Value is { } siteCa)
        {
            client.ServerCertificateValidationCallback = (_, certificate, chain, errors) => siteCa.Validate(certificate, chain, errors);
        }
        await client.ConnectAsync(settings.Host!, settings.Port, SocketOptions(settings.Security), attemptToken);
        if (!string.IsNullOrEmpty(settings.UserName))
        {
            await client.AuthenticateAsync(settings.UserName, settings.Password ?? string.Empty, attemptToken);
        }
        var reply = await client.SendAsync(mail, attemptToken);
        try
        {
            // The relay has taken the mail: a QUIT that fails, or a caller that gives up now, must not turn a delivered
            // alarm into a failed one (the dispatcher would send it again). The timer still bounds the attempt.
            await client.DisconnectAsync(quit: true, timerToken);
        }
        catch (Exception ex) when (ex is IOException or SocketException or SmtpProtocolException or SmtpCommandException or OperationCanceledException)
        {
            // Nothing to do: the socket is closed by Dispose.
        }
        // MailKit returns the text of the 250 reply; the code is always 250 here, any other code throws.
        return "250 " + reply;
    }

    private static SecureSocketOptions SocketOptions(EmailSecurity security) => security switch
    {
        EmailSecurity.None => SecureSocketOptions.None,
        EmailSecurity.StartTls => SecureSocketOptions.StartTls,
        EmailSecurity.SslOnConnect => SecureSocketOptions.SslOnConnect,
        _ => SecureSocketOptions.StartTlsWhenAvailable,
    };

    private static string Refusal(SmtpCommandException ex)
    {
        var step = ex.ErrorCode switch
        {
            SmtpErrorCode.RecipientNotAccepted => "recipient refused",
            SmtpErrorCode.SenderNotAccepted => "sender refused",
            SmtpErrorCode.MessageNotAccepted => "message refused",
            _ => "refused",
        };
        return FailureAnswer.Shorten($"{step}: {(int)ex.StatusCode} {FailureAnswer.OneLine(ex.Message)}");
    }
}
