namespace CleanroomMonitor.TestSupport.Smtp;

/// <summary>How <see cref="SmtpServerProcess"/> behaves.</summary>
/// <param name="Tls">Plain, STARTTLS offered, or TLS from the first byte (port 465 style).</param>
/// <param name="Certificates">The server certificate for <paramref name="Tls"/> other than <see cref="SmtpTls.None"/>.</param>
/// <param name="RequireAuth">Mail is taken only after AUTH as <see cref="SmtpServerProcess.User"/> with <see cref="SmtpServerProcess.Password"/>
/// (with STARTTLS, only after the upgrade, as a real relay).</param>
/// <param name="RefuseRecipient">The whole reply to every RCPT TO, such as <c>550 5.1.1 no such user</c>.</param>
/// <param name="RefuseData">The whole reply at the end of every DATA.</param>
public sealed record SmtpServerOptions(SmtpTls Tls = SmtpTls.None, TestCertificates? Certificates = null, bool RequireAuth = false,
    string? RefuseRecipient = null, string? RefuseData = null);
