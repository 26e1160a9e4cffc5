namespace CleanroomMonitor.Core.ReportIssues;

/// <summary>Why a request on a batch report's issue was refused; each maps to one HTTP status.</summary>
public enum ReportIssueFailure
{
    None,

    /// <summary>Incomplete or invalid request, e.g. a new version without a reason (400).</summary>
    Invalid,

    /// <summary>No such batch (or another tenant's), or no such issued version (404).</summary>
    NotFound,

    /// <summary>The signer's role, or the reviewer approving their own review (403).</summary>
    Forbidden,

    /// <summary>Out of order: the batch still running, reviewed or approved twice, a new version of an unissued one (409,
    /// Part 11 §11.10(f)).</summary>
    Sequence,

    /// <summary>Wrong user id or password, a locked account, or a token (401).</summary>
    Signature,

    /// <summary>The PDF to issue could not be rendered (Chromium missing or failing, InfluxDB not answering): nothing is
    /// approved, since an approval without its frozen file would be an issue of nothing (503).</summary>
    Unavailable,
}
