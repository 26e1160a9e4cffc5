namespace CleanroomMonitor.Simulators.Scenarios;

/// <summary>What kind of check an expectation is (its <c>type</c> in the file, kebab-case).</summary>
internal enum ExpectationType
{
    /// <summary>An excursion starting in a window (and, with <c>returned</c>, back to normal).</summary>
    Excursion,

    /// <summary>No excursion starting in a window.</summary>
    NoExcursion,

    /// <summary>A rejection reason counted during the run.</summary>
    Rejection,

    /// <summary>A room entered a state (audit trail), for a reason containing the words given.</summary>
    RoomState,

    /// <summary>The signed sequence on an excursion through the API: close refused before acknowledgement, then acknowledge, then close.</summary>
    AcknowledgeClose,

    /// <summary>The audit trail's hash chain verifies and holds the entries of the scenario's excursions and batches.</summary>
    Audit,

    /// <summary><c>records backup</c> makes a copy that <c>records verify</c> finds intact and complete.</summary>
    Backup,

    /// <summary>An excursion's alarm reaches people: a mail accepted by the kit's SMTP sink and a request at its gateway
    /// listener, each within <see cref="Expectation.Limit"/> of the breach.</summary>
    AlarmDelivery,
}
