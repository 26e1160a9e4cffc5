namespace CleanroomMonitor.TestSupport.Smtp;

/// <summary>One message <see cref="SmtpServerProcess"/> accepted: the envelope, how the session was secured, and the raw DATA.</summary>
/// <param name="Login">The user the session authenticated as; null without AUTH.</param>
/// <param name="ReceivedAt">When the server had the whole DATA, before its 250 reply (the machine's real-time clock).</param>
public sealed record ReceivedMail(string MailFrom, IReadOnlyList<string> Recipients, bool Tls, string? Login, byte[] Data, DateTimeOffset ReceivedAt);
