namespace CleanroomMonitor.Service.Reports;

/// <summary>Why a breach review was not recorded.</summary>
public enum BreachReviewFailure
{
    None,

    /// <summary>Incomplete or invalid request, or a run that is not an unexplained run of the batch (400).</summary>
    Invalid,

    /// <summary>The signer is not QA (403).</summary>
    Forbidden,

    /// <summary>No such batch, or another tenant's (404).</summary>
    NotFound,

    /// <summary>Wrong password, or an account or token that cannot sign (401).</summary>
    Signature,

    /// <summary>A named run is already covered by an earlier review (409).</summary>
    AlreadyReviewed,
}
