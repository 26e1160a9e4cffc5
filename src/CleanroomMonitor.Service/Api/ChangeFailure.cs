namespace CleanroomMonitor.Service.Api;

/// <summary>Why a change asked for by a person or a machine (start a batch, declare a window, administer a user) did
/// not happen. The JSON API turns it into a status code, the pages into a message next to the form.</summary>
public enum ChangeFailure
{
    None,

    /// <summary>The request is incomplete or invalid (400).</summary>
    Invalid,

    /// <summary>The principal may not make this change, e.g. a tenant outside its leased rooms (403).</summary>
    Forbidden,

    /// <summary>No such record, or not visible to the principal (404): another tenant's record is not disclosed.</summary>
    NotFound,

    /// <summary>The record exists already or is not in a state that allows the change (409).</summary>
    Conflict,
}
