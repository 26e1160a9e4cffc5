using System.ComponentModel.DataAnnotations;

namespace CleanroomMonitor.Service.Security;

/// <summary>Sign-in, session and signature rules (section <c>Security</c>).</summary>
public sealed class SecurityOptions
{
    public const string SectionName = "Security";

    /// <summary>Failed sign-ins in a row that lock the account.</summary>
    /// <value>Default: 5.</value>
    [Range(1, 100)]
    public int LockoutThreshold { get; set; } = 5;

    /// <summary>How long a locked account stays locked (an admin can unlock it sooner).</summary>
    /// <value>Default: 30 minutes.</value>
    [Range(typeof(TimeSpan), "00:01:00", "30.00:00:00")]
    public TimeSpan LockoutDuration { get; set; } = TimeSpan.FromMinutes(30);

    /// <summary>A session ends after this long without activity (Part 11 §11.300: sessions must not stay open unattended).</summary>
    /// <value>Default: 15 minutes.</value>
    [Range(typeof(TimeSpan), "00:01:00", "12:00:00")]
    public TimeSpan SessionTimeout { get; set; } = TimeSpan.FromMinutes(15);

    /// <summary>How far in the past a MES batch message may date a batch start or end (its <c>at</c>). A start dated
    /// hours back would pull excursions of that time into the batch, or keep them out of it, without anyone having been
    /// there to say so; an operator who must correct a time does so through the API or the pages, with a reason.</summary>
    /// <value>Default: 5 minutes (a MES that queued the message during a short broker outage still gets through).</value>
    [Range(typeof(TimeSpan), "00:00:00", "7.00:00:00")]
    public TimeSpan MesMaxBackdating { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>Failed signature attempts in a row that lock the account and alert the admins at once (§11.300(d)).</summary>
    /// <value>Default: 3.</value>
    [Range(1, 20)]
    public int SignatureLockoutThreshold { get; set; } = 3;

    /// <summary>How long after a signature the same sign-in session may sign again with the password alone. The first
    /// signature of a session, and the first after a longer pause, needs the user id and the password (Part 11
    /// §11.200(a)(1): only signings within one continuous period of controlled access may use one component). Checked at
    /// start-up by <see cref="SecurityOptionsRules"/> (at least 1 second, at most 12 hours).</summary>
    /// <value>Default: 15 minutes.</value>
    public TimeSpan SigningSessionIdle { get; set; } = TimeSpan.FromMinutes(15);

    /// <summary>Failed sign-ins from one client address, within <see cref="SignInThrottleWindow"/>, after which that
    /// address is refused (429) until the oldest of them is older than the window, before any account is touched.</summary>
    /// <value>Default: 10.</value>
    [Range(1, 10_000)]
    public int SignInFailuresPerAddress { get; set; } = 10;

    /// <summary>The window of <see cref="SignInFailuresPerAddress"/>.</summary>
    /// <value>Default: 15 minutes.</value>
    [Range(typeof(TimeSpan), "00:00:01", "1.00:00:00")]
    public TimeSpan SignInThrottleWindow { get; set; } = TimeSpan.FromMinutes(15);

    /// <summary>The shortest password accepted.</summary>
    /// <value>Default: 10.</value>
    [Range(8, 128)]
    public int MinimumPasswordLength { get; set; } = 10;

    /// <summary>How long a password may be used; after that its holder must choose a new one at the next sign-in
    /// (Part 11 §11.300(b): passwords are aged).</summary>
    /// <value>Default: 90 days.</value>
    [Range(typeof(TimeSpan), "1.00:00:00", "3650.00:00:00")]
    public TimeSpan PasswordExpiry { get; set; } = TimeSpan.FromDays(90);

    /// <summary>How many of a user's last passwords cannot be chosen again (the current one never can).</summary>
    /// <value>Default: 5.</value>
    [Range(0, 24)]
    public int PasswordHistory { get; set; } = 5;

    /// <summary>The longest an excursion may be shelved; it returns to unacknowledged by itself at the expiry (ISA-18.2).</summary>
    /// <value>Default: 8 hours (one shift).</value>
    [Range(typeof(TimeSpan), "00:01:00", "7.00:00:00")]
    public TimeSpan MaxShelveDuration { get; set; } = TimeSpan.FromHours(8);

    /// <summary>The assignable causes offered when acknowledging an excursion; "other" (with the comment) is always accepted.</summary>
    /// <value>Default: a list covering people, HVAC, doors, equipment, sensor, maintenance, cleaning, unknown.</value>
    public IList<string> AssignableCauses { get; } =
    [
        "personnel intervention", "HVAC or filter", "door or airlock", "equipment or process", "sensor or instrument fault",
        "maintenance", "cleaning or disinfection", "unknown, under investigation",
    ];
}
