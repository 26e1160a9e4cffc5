using CleanroomMonitor.Core.Security;

namespace CleanroomMonitor.Service.Security;

/// <summary>The result of signing: the signature, or why there is none and the message for the signer.</summary>
public sealed record SignatureOutcome(Signature? Signature, SignatureRefusal Refusal, string? Error)
{
    public static SignatureOutcome Refused(string error) => new(null, SignatureRefusal.Refused, error);
}
