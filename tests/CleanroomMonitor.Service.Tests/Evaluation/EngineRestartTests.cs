using CleanroomMonitor.TestSupport;
using CleanroomMonitor.Core.Excursions;

namespace CleanroomMonitor.Service.Tests.Evaluation;

/// <summary>An engine stopped and started again on the same records, in memory: what the restart tests of the
/// integration suite check with a killed service process, without its seconds.</summary>
public sealed class EngineRestartTests
{
    [Fact]
    public async Task Restart_OpenExcursionInTheRecords_ContinuedWithoutADuplicateAndReturnedAsTheOriginal()
    {
        Guid id;
        var first = await EngineStage.StartAsync();
        await first.SendAsync(EngineStage.Temperature(31, TimeSpan.FromSeconds(1)));
        id = (await first.Notifier.NextAsync()).Change.After.Id;
        await first.DisposeAsync();

        await using var second = await EngineStage.StartAsync(first.Records, first.Time);
        await second.JudgeAsync(EngineStage.Temperature(32, TimeSpan.FromSeconds(2)));
        Assert.False(second.Notifier.TryNext(out _));
        Assert.Contains(second.View.Current.Active, e => e.Id == id);
        await second.JudgeAsync(EngineStage.Temperature(21, TimeSpan.FromSeconds(3)));

        var returned = await second.Notifier.NextAsync();
        Assert.Equal((ExcursionAction.Returned, id), (returned.Change.Action, returned.Change.After.Id));
        Assert.Single(second.Records.Audit, a => a.Action == Core.Records.AuditAction.OfExcursion(ExcursionAction.Raised));
    }

    [Fact]
    public async Task CleanStop_RuleStateSaved_TheNextEngineRestoresIt()
    {
        var first = await EngineStage.StartAsync();
        await first.JudgeAsync(EngineStage.Temperature(21, TimeSpan.FromSeconds(1)));
        await first.DisposeAsync();
        Assert.NotNull(first.Records.RuleState);

        await using var second = await EngineStage.StartAsync(first.Records, first.Time);

        Assert.Equal(1, second.Log.Count(4014));
    }
}
