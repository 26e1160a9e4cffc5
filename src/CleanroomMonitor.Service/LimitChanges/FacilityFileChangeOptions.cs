namespace CleanroomMonitor.Service.LimitChanges;

/// <summary>Who changed the facility file, given at start (docs/gmp.md "Limit changes under change control"): the file is
/// the limits' baseline, and a limit set whose version changed because the file changed is recorded as that person's
/// change. Without a name the service still starts (monitoring must not stop), records the change as "facility file
/// changed, author not given" and raises a System excursion that QA reviews and closes.</summary>
public sealed class FacilityFileChangeOptions
{
    public const string SectionName = "Facility";

    /// <summary>The user name of an existing account who changed the file, for example <c>--Facility:ChangedBy=qa.lead</c>
    /// or <c>CLEANROOM_Facility__ChangedBy</c>. An unknown name stops the start with an error naming this option.</summary>
    /// <value>Default: none (an unattributed change, raised as a System excursion).</value>
    public string? ChangedBy { get; set; }

    /// <summary>Why the file changed (a change request's number and title), recorded as the reason of each limit set's change.</summary>
    /// <value>Default: none.</value>
    public string? ChangeReason { get; set; }
}
