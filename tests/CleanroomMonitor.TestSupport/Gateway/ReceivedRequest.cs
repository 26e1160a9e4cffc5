namespace CleanroomMonitor.TestSupport.Gateway;

/// <summary>One request <see cref="GatewayReceiver"/> received, as it came over the wire.</summary>
/// <param name="RawTarget">The request target exactly as sent (path and query, still escaped).</param>
public sealed record ReceivedRequest(string Method, string RawTarget, IReadOnlyDictionary<string, string> Headers, string Body);
