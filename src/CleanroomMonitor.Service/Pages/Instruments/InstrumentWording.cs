using CleanroomMonitor.Core.Calibration;
using CleanroomMonitor.Service.Calibration;

namespace CleanroomMonitor.Service.Pages.Instruments;

/// <summary>An instrument's calibration state in words and the CSS class that colours it (site.css "calibration").</summary>
public static class InstrumentWording
{
    public static string State(InstrumentView view) => view.State switch
    {
        null => "not in the register",
        CalibrationState.NeverCalibrated => "no calibration recorded",
        CalibrationState.Current => $"current (due in {view.DaysToDue} days)",
        CalibrationState.DueSoon => view.DaysToDue == 0 ? "due today" : $"due in {view.DaysToDue} days",
        CalibrationState.Overdue => $"overdue by {-view.DaysToDue} days",
        CalibrationState.Failed => "failed: unfit until a passing calibration",
        _ => view.State.ToString()!,
    };

    public static string Css(CalibrationState? state) => state switch
    {
        CalibrationState.Current => "cal-current",
        CalibrationState.DueSoon => "cal-due",
        CalibrationState.Overdue or CalibrationState.Failed => "cal-unfit",
        _ => "cal-none",
    };
}
