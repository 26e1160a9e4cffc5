using CleanroomMonitor.Core.Security;

namespace CleanroomMonitor.Core.Excursions;

/// <summary>The signed acknowledgement of an excursion (docs/gmp.md §7 items 6-7): the signature, an assignable cause from
/// the site's list, a comment and the immediate action taken.</summary>
public sealed record ExcursionAcknowledgement(Signature Signature, string Cause, string Comment, string? ImmediateAction);
