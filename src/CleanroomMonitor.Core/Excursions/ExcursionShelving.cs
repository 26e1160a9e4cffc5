using CleanroomMonitor.Core.Security;

namespace CleanroomMonitor.Core.Excursions;

/// <summary>A person's signed shelving of an active excursion (ISA-18.2 shelving): who, why, and until when. When
/// <paramref name="Until"/> passes the excursion returns to unacknowledged by itself, so a shelved alarm cannot be
/// forgotten.</summary>
public sealed record ExcursionShelving(Signature Signature, string Reason, DateTimeOffset Until);
