namespace CleanroomMonitor.Simulators.Oq;

/// <summary>One mail the <see cref="SmtpSink"/> accepted: the envelope, when its DATA was accepted (the kit's clock), the
/// excursion its <c>X-Cleanroom-Excursion</c> header names, and the message as sent.</summary>
internal sealed record SunkMail(string MailFrom, IReadOnlyList<string> Recipients, DateTimeOffset AcceptedAt, Guid? Excursion, string Data);
