namespace CleanroomMonitor.TestSupport.Smtp;

/// <summary>The encryption an SMTP test server offers.</summary>
public enum SmtpTls
{
    None,
    StartTls,
    Implicit,
}
