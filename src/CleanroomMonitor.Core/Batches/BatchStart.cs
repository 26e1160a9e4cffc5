namespace CleanroomMonitor.Core.Batches;

/// <summary>A request to start a batch, from the HTTP API or a MES message; validated by <see cref="BatchBook"/>.
/// <see cref="At"/> null means now.</summary>
public sealed record BatchStart(string? Number, string? Product, string? Tenant, IReadOnlyList<string>? Rooms, string? Process, DateTimeOffset? At, string By);
