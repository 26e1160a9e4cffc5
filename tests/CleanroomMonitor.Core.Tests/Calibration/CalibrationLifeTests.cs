using CleanroomMonitor.Core.Calibration;
using CleanroomMonitor.Core.Facility;

namespace CleanroomMonitor.Core.Tests.Calibration;

/// <summary>The calibration life of an instrument (EU GMP Part I 3.41): due dates, the warning window's edges, overdue,
/// failed, and the unfit periods whose readings are flagged.</summary>
public sealed class CalibrationLifeTests
{
    private static readonly DateTimeOffset T0 = new(2026, 1, 10, 9, 0, 0, TimeSpan.Zero);
    private static readonly TimeSpan Year = TimeSpan.FromDays(365);
    private static readonly TimeSpan Warning = TimeSpan.FromDays(14);

    private static CalibrationRecord Cal(DateTimeOffset at, CalibrationResult result = CalibrationResult.Pass) =>
        new(Guid.NewGuid(), new SensorId("pc1"), at, "CERT-" + at.ToString("yyyyMMdd", System.Globalization.CultureInfo.InvariantCulture), result,
            "Metrology Ltd (J. Smith)", "eng", at.AddDays(1), null, null);

    [Fact]
    public void DueAt_LastCalibrationPlusInterval()
    {
        Assert.Equal(T0 + Year, CalibrationLife.DueAt(Cal(T0), Year));
    }

    [Fact]
    public void StatusAt_NoCalibration_NeverCalibrated()
    {
        var status = CalibrationLife.StatusAt([], Year, Warning, T0);

        Assert.Equal(CalibrationState.NeverCalibrated, status.State);
        Assert.Null(status.DueAt);
        Assert.False(status.IsUnfit);
    }

    [Fact]
    public void StatusAt_JustBeforeTheWarningWindow_Current()
    {
        var status = CalibrationLife.StatusAt([Cal(T0)], Year, Warning, T0 + Year - Warning - TimeSpan.FromTicks(1));

        Assert.Equal(CalibrationState.Current, status.State);
    }

    [Fact]
    public void StatusAt_ExactlyWarningBeforeDue_DueSoon()
    {
        var status = CalibrationLife.StatusAt([Cal(T0)], Year, Warning, T0 + Year - Warning);

        Assert.Equal(CalibrationState.DueSoon, status.State);
        Assert.Equal(14, status.DaysToDue);
    }

    [Fact]
    public void StatusAt_JustBeforeDue_DueSoonNotUnfit()
    {
        var status = CalibrationLife.StatusAt([Cal(T0)], Year, Warning, T0 + Year - TimeSpan.FromTicks(1));

        Assert.Equal(CalibrationState.DueSoon, status.State);
        Assert.False(status.IsUnfit);
    }

    [Fact]
    public void StatusAt_OnTheDueDate_Overdue()
    {
        var status = CalibrationLife.StatusAt([Cal(T0)], Year, Warning, T0 + Year);

        Assert.Equal(CalibrationState.Overdue, status.State);
        Assert.True(status.IsUnfit);
    }

    [Fact]
    public void StatusAt_CalibrationDatedLater_NotCountedYet()
    {
        var status = CalibrationLife.StatusAt([Cal(T0), Cal(T0 + Year + TimeSpan.FromDays(3))], Year, Warning, T0 + Year + TimeSpan.FromDays(1));

        Assert.Equal(CalibrationState.Overdue, status.State);
    }

    [Fact]
    public void StatusAt_LastCalibrationFailed_FailedWhateverTheDueDate()
    {
        var status = CalibrationLife.StatusAt([Cal(T0), Cal(T0 + TimeSpan.FromDays(30), CalibrationResult.Fail)], Year, Warning, T0 + TimeSpan.FromDays(31));

        Assert.Equal(CalibrationState.Failed, status.State);
        Assert.True(status.IsUnfit);
        Assert.Equal(T0 + Year, status.DueAt);
    }

    [Fact]
    public void StatusAt_AdjustedAfterAFailure_FitWithANewInterval()
    {
        var adjusted = T0 + TimeSpan.FromDays(32);
        var status = CalibrationLife.StatusAt(
            [Cal(T0), Cal(T0 + TimeSpan.FromDays(30), CalibrationResult.Fail), Cal(adjusted, CalibrationResult.Adjusted)], Year, Warning, adjusted);

        Assert.Equal(CalibrationState.Current, status.State);
        Assert.Equal(adjusted + Year, status.DueAt);
    }

    [Fact]
    public void UnfitPeriods_OverdueThenCalibrated_OnePeriodFromDueToCalibration()
    {
        var late = T0 + Year + TimeSpan.FromDays(10);

        var periods = CalibrationLife.UnfitPeriods([Cal(T0), Cal(late)], Year, T0, late + TimeSpan.FromDays(300));

        var period = Assert.Single(periods);
        Assert.Equal(new UnfitPeriod(T0 + Year, late, CalibrationState.Overdue), period);
        Assert.True(period.Covers(T0 + Year));
        Assert.False(period.Covers(late));
    }

    [Fact]
    public void UnfitPeriods_FailedThenPassed_PeriodFromTheFailure()
    {
        var failed = T0 + TimeSpan.FromDays(100);
        var passed = failed + TimeSpan.FromDays(2);

        var periods = CalibrationLife.UnfitPeriods([Cal(T0), Cal(failed, CalibrationResult.Fail), Cal(passed)], Year, T0, passed + TimeSpan.FromDays(1));

        Assert.Equal([new UnfitPeriod(failed, passed, CalibrationState.Failed)], periods);
    }

    [Fact]
    public void UnfitPeriods_StillOverdue_OpenPeriod()
    {
        var periods = CalibrationLife.UnfitPeriods([Cal(T0)], Year, T0, T0 + Year + TimeSpan.FromDays(5));

        Assert.Equal([new UnfitPeriod(T0 + Year, null, CalibrationState.Overdue)], periods);
    }

    [Fact]
    public void UnfitPeriods_OutsideTheRange_None()
    {
        var late = T0 + Year + TimeSpan.FromDays(10);

        Assert.Empty(CalibrationLife.UnfitPeriods([Cal(T0), Cal(late)], Year, late, late + TimeSpan.FromDays(30)));
        Assert.Empty(CalibrationLife.UnfitPeriods([Cal(T0)], Year, T0, T0 + TimeSpan.FromDays(300)));
    }

    [Fact]
    public void UnfitPeriods_BeforeTheFirstCalibration_None()
    {
        Assert.Empty(CalibrationLife.UnfitPeriods([Cal(T0 + Year)], Year, T0, T0 + Year));
    }
}
