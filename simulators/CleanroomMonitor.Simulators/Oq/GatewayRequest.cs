namespace CleanroomMonitor.Simulators.Oq;

/// <summary>One request the <see cref="GatewayListener"/> received: when (the kit's clock), where, and its body.</summary>
internal sealed record GatewayRequest(DateTimeOffset ReceivedAt, string Method, string Path, string Body);
