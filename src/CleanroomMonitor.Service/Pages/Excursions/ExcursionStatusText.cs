using CleanroomMonitor.Core.Excursions;

namespace CleanroomMonitor.Service.Pages.Excursions;

/// <summary>An excursion's status in words, the one mapping the excursion list (rows and filter) and the detail page
/// use: a QA reviewer reads "Returned to normal, not yet acknowledged", not the enum's name.</summary>
public static class ExcursionStatusText
{
    public static string Of(ExcursionStatus status) => status switch
    {
        ExcursionStatus.Unacknowledged => "Active, not yet acknowledged",
        ExcursionStatus.Acknowledged => "Active, acknowledged",
        ExcursionStatus.ReturnedUnacknowledged => "Returned to normal, not yet acknowledged",
        ExcursionStatus.ReturnedToNormal => "Returned to normal, acknowledged, waiting for QA to close it",
        ExcursionStatus.Closed => "Closed",
        ExcursionStatus.Shelved => "Shelved, active, not yet acknowledged",
        // A status added later must get its words here: the unit test walks every value.
        _ => throw new ArgumentOutOfRangeException(nameof(status), status, "no words for this excursion status"),
    };
}
