using CleanroomMonitor.Core.Security;

namespace CleanroomMonitor.Core.LimitChanges;

/// <summary>The one decision on a limit change, signed (21 CFR 11.50; Annex 11 §14): approved, rejected or withdrawn
/// (<see cref="Signature.Meaning"/>), with the signer's reason. Written once, never changed.</summary>
/// <param name="EffectiveAt">For an approval, when the change takes effect: the proposed time, or the approval's own
/// time when that had passed (<see cref="EffectiveNow"/> then says so). Null for a rejection or withdrawal.</param>
/// <param name="EffectiveNow">The proposed effective time was already past at approval, so the change took effect at approval.</param>
public sealed record LimitChangeSignature(Guid Change, Signature Signature, string? Reason, DateTimeOffset? EffectiveAt, bool EffectiveNow = false);
