namespace CleanroomMonitor.Core.Qualification;

/// <summary>Why a request on an OQ run was refused; each maps to one HTTP status.</summary>
public enum QualificationFailure
{
    None,

    /// <summary>Incomplete or invalid request (400).</summary>
    Invalid,

    /// <summary>No such run or deviation (404).</summary>
    NotFound,

    /// <summary>The signer's role, or the same person signing twice (403).</summary>
    Forbidden,

    /// <summary>Out of order, already signed or dispositioned, or the run not ready for approval (409, Part 11 §11.10(f)).</summary>
    Sequence,

    /// <summary>Wrong user id or password, or a token or account that cannot sign (401).</summary>
    Signature,

    /// <summary>The run id is already stored (409).</summary>
    Duplicate,
}
