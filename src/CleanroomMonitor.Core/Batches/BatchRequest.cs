namespace CleanroomMonitor.Core.Batches;

/// <summary>A batch start or end that arrived as a message (a MES over MQTT); exactly one of the two is set.
/// <see cref="Origin"/> names where it came from, for the rejection report. <see cref="Token"/> is the API token the
/// message names: it is checked like a bearer token and decides who the audit trail records (docs/security.md); the
/// message's own <c>by</c> (in <see cref="BatchStart.By"/> or <see cref="BatchEnd.By"/>) is only "reported by" text.</summary>
public sealed record BatchRequest(BatchStart? Start, BatchEnd? End, string Origin, string? Token = null)
{
    /// <summary>The batch number the message is about, for the reply.</summary>
    public string? Number => Start?.Number ?? End?.Number;

    /// <summary>Who the message says acted: not authenticated, kept only as "reported by".</summary>
    public string ReportedBy => Start?.By ?? End!.By;

    /// <summary>Never prints the token: a record's generated ToString would put the credential in a log line.</summary>
    public override string ToString() => $"BatchRequest {{ {(Start is null ? "end" : "start")} {Number}, Origin = {Origin} }}";
}
