using System.ComponentModel.DataAnnotations;

namespace CleanroomMonitor.Service.Notifications.Channels;

/// <summary>The SMTP relay the email channel hands alarm mails to (section <c>Notifications:Email</c>; the channel
/// exists only when <see cref="Host"/> is set).</summary>
public sealed class EmailOptions
{
    public const string SectionName = "Notifications:Email";

    /// <summary>The relay's host name or address.</summary>
    /// <value>Default: none; setting it turns the email channel on.</value>
    [Required]
    public string? Host { get; set; }

    /// <summary>The relay's TCP port.</summary>
    /// <value>Default: 25 (587 is usual for submission with STARTTLS, 465 with <see cref="EmailSecurity.SslOnConnect"/>).</value>
    [Range(1, 65535)]
    public int Port { get; set; } = 25;

    /// <summary>How the connection is protected.</summary>
    /// <value>Default: <see cref="EmailSecurity.Auto"/> (STARTTLS when offered).</value>
    [EnumDataType(typeof(EmailSecurity))]
    public EmailSecurity Security { get; set; } = EmailSecurity.Auto;

    /// <summary>The account to authenticate as; no AUTH when unset.</summary>
    /// <value>Default: none.</value>
    public string? UserName { get; set; }

    /// <summary>A file holding the account's password (a mounted secret), read once at start and trimmed; required with
    /// <see cref="UserName"/>. There is no inline password setting: a secret in appsettings.json ends up in backups and tickets.</summary>
    /// <value>Default: none.</value>
    public string? PasswordFile { get; set; }

    /// <summary>The sender address, optionally with a display name (<c>Cleanroom Monitor &lt;cleanroom@example.com&gt;</c>).</summary>
    /// <value>Default: none; required.</value>
    [Required]
    public string? From { get; set; }

    /// <summary>The bound on one whole attempt: connect, TLS, AUTH, the message and QUIT.</summary>
    /// <value>Default: 30 seconds.</value>
    [Range(typeof(TimeSpan), "00:00:01", "00:10:00")]
    public TimeSpan Timeout { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>A PEM file with the site's own CA certificate(s), trusted for the relay's certificate in addition to the
    /// system's store (a relay whose certificate a site CA signed).</summary>
    /// <value>Default: none (only the system's trusted CAs).</value>
    public string? TrustedCaFile { get; set; }

    /// <summary>The password read from <see cref="PasswordFile"/> at start; never bound from configuration.</summary>
    internal string? Password { get; set; }
}
