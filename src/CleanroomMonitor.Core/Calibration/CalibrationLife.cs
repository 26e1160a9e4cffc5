namespace CleanroomMonitor.Core.Calibration;

/// <summary>The calibration rules of an instrument (EU GMP Part I 3.41; docs/instruments.md "Calibration register"):
/// pure functions of its interval, its calibrations and a time, so they run the same in the service, the report and a test.</summary>
/// <remarks>The calibration date counts, not the date it was entered: a certificate entered a week late still dates the
/// instrument's calibration. A failed calibration makes the instrument unfit at once, whatever its due date, and only a
/// later passing (or adjusted) one makes it fit again and starts a new interval.</remarks>
public static class CalibrationLife
{
    /// <summary>The due date after a fit calibration: its date plus the interval.</summary>
    public static DateTimeOffset DueAt(CalibrationRecord fit, TimeSpan interval) => fit.CalibratedAt + interval;

    /// <summary>The state at <paramref name="at"/>, counting only calibrations dated at or before it.</summary>
    /// <param name="warning">How long before the due date the warning starts: a due date exactly <paramref name="warning"/>
    /// away is due soon; the due date itself is overdue.</param>
    public static CalibrationStatus StatusAt(IEnumerable<CalibrationRecord> calibrations, TimeSpan interval, TimeSpan warning, DateTimeOffset at)
    {
        ArgumentNullException.ThrowIfNull(calibrations);
        var known = calibrations.Where(c => c.CalibratedAt <= at).OrderBy(c => c.CalibratedAt).ThenBy(c => c.EnteredAt).ToList();
        if (known.Count == 0)
        {
            return new CalibrationStatus(CalibrationState.NeverCalibrated, at, null, null);
        }
        var last = known[^1];
        var lastFit = known.LastOrDefault(c => c.IsFit);
        var due = lastFit is null ? (DateTimeOffset?)null : DueAt(lastFit, interval);
        var state = !last.IsFit ? CalibrationState.Failed
            : at >= due ? CalibrationState.Overdue
            : at >= due - warning ? CalibrationState.DueSoon
            : CalibrationState.Current;
        return new CalibrationStatus(state, at, due, last);
    }

    /// <summary>Every period in [<paramref name="from"/>, <paramref name="to"/>] in which the instrument measured while
    /// unfit: from each due date passed, and from each failed calibration, until the next fit calibration. Nothing before
    /// the first calibration is counted: there is no due date to have passed.</summary>
    public static IReadOnlyList<UnfitPeriod> UnfitPeriods(IEnumerable<CalibrationRecord> calibrations, TimeSpan interval, DateTimeOffset from, DateTimeOffset to)
    {
        ArgumentNullException.ThrowIfNull(calibrations);
        var ordered = calibrations.OrderBy(c => c.CalibratedAt).ThenBy(c => c.EnteredAt).ToList();
        var periods = new List<UnfitPeriod>();
        UnfitPeriod? open = null;
        DateTimeOffset? due = null;
        foreach (var calibration in ordered)
        {
            if (open is null && due is { } d && d <= calibration.CalibratedAt)
            {
                open = new UnfitPeriod(d, null, CalibrationState.Overdue);
            }
            if (calibration.IsFit)
            {
                if (open is not null)
                {
                    periods.Add(open with { To = calibration.CalibratedAt });
                    open = null;
                }
                due = DueAt(calibration, interval);
            }
            else if (open is null)
            {
                open = new UnfitPeriod(calibration.CalibratedAt, null, CalibrationState.Failed);
            }
        }
        if (open is null && due is { } lastDue)
        {
            open = new UnfitPeriod(lastDue, null, CalibrationState.Overdue);
        }
        if (open is not null)
        {
            periods.Add(open);
        }
        return periods.Where(p => p.Overlaps(from, to)).ToList();
    }
}
