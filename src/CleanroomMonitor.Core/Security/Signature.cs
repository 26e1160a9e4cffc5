namespace CleanroomMonitor.Core.Security;

/// <summary>An electronic signature (21 CFR Part 11 §11.50, EU GMP Annex 11 §14): who signed (unique id and printed
/// name, in which role), when, what it means, and how the signer proved it was them. Kept inside the signed record,
/// so it is shown wherever the record is shown and cannot be separated from it.</summary>
/// <param name="Meaning">What the signature stands for: "acknowledged", "reviewed and closed".</param>
/// <param name="Method">How the signer authenticated, e.g. "password re-entered".</param>
public sealed record Signature(Guid UserId, string UserName, string PrintedName, string Role, string Meaning, DateTimeOffset At, string Method);
