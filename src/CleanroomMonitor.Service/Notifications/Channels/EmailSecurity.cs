namespace CleanroomMonitor.Service.Notifications.Channels;

/// <summary>How the email channel protects the SMTP connection.</summary>
public enum EmailSecurity
{
    /// <summary>Plain SMTP; the password and the mail cross the network in clear. Only for a relay on the same host.</summary>
    None,

    /// <summary>Plain connect, then STARTTLS, which the server must offer (else the attempt fails): ports 25 and 587.</summary>
    StartTls,

    /// <summary>TLS from the first byte: port 465.</summary>
    SslOnConnect,

    /// <summary>STARTTLS when the server offers it, plain otherwise (MailKit's <c>StartTlsWhenAvailable</c>).</summary>
    Auto,
}
