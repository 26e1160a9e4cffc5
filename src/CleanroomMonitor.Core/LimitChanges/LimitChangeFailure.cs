namespace CleanroomMonitor.Core.LimitChanges;

/// <summary>Why a request on a limit change was refused; each maps to one HTTP status.</summary>
public enum LimitChangeFailure
{
    None,

    /// <summary>Incomplete or invalid: no reason, a delay without justification, an alert level outside the action band (400).</summary>
    Invalid,

    /// <summary>No such change, room or sensor, or one of another tenant (404).</summary>
    NotFound,

    /// <summary>The person's role or tenant, or the proposer approving their own change (403).</summary>
    Forbidden,

    /// <summary>Out of order: decided already, or a withdrawal by someone other than the proposer of an undecided change (409).</summary>
    Sequence,

    /// <summary>Wrong user id or password, a locked account, or a token (401).</summary>
    Signature,
}
