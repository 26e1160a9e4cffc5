using CleanroomMonitor.Core.Batches;
using CleanroomMonitor.Core.Tests.Excursions;

namespace CleanroomMonitor.Core.Tests.Batches;

public sealed class BatchBookTests
{
    private static readonly DateTimeOffset Now = new(2026, 3, 2, 8, 0, 0, TimeSpan.Zero);
    private readonly BatchBook _sut = new(TrackerFacility.Create());

    [Theory]
    [InlineData(null, "P", "T", "cr1", "open", BatchProblemKind.Invalid)]
    [InlineData("B1", null, "T", "cr1", "open", BatchProblemKind.Invalid)]
    [InlineData("B1", "P", "T", "cr9", "open", BatchProblemKind.Invalid)]
    [InlineData("B1", "P", "T", "cr1", "sideways", BatchProblemKind.Invalid)]
    public void Start_BadRequest_IsRefusedAndNothingStored(string? number, string? product, string? tenant, string room, string process, BatchProblemKind kind)
    {
        var (batch, problem) = _sut.Start(new BatchStart(number, product, tenant, [room], process, null, "mes"), Now);

        Assert.Null(batch);
        Assert.Equal(kind, problem!.Kind);
        Assert.Empty(_sut.All);
    }

    [Fact]
    public void Start_DuplicateNumber_IsAConflict()
    {
        _sut.Start(new BatchStart("B1", "P", "T", ["cr1"], "open", null, "mes"), Now);

        var (_, problem) = _sut.Start(new BatchStart("B1", "P", "T", ["cr1"], "closed", null, "mes"), Now);

        Assert.Equal(BatchProblemKind.Conflict, problem!.Kind);
    }

    [Fact]
    public void End_BeforeStart_NotActiveOrUnknown_AreRefused()
    {
        _sut.Start(new BatchStart("B1", "P", "T", ["cr1"], "open", Now, "mes"), Now);

        Assert.Equal(BatchProblemKind.Invalid, _sut.End(new BatchEnd("B1", Now.AddMinutes(-1), "mes"), Now).Problem!.Kind);
        Assert.Equal(BatchProblemKind.NotFound, _sut.End(new BatchEnd("B9", null, "mes"), Now).Problem!.Kind);
        Assert.NotNull(_sut.End(new BatchEnd("B1", null, "mes"), Now.AddHours(1)).Batch);
        Assert.Equal(BatchProblemKind.Conflict, _sut.End(new BatchEnd("B1", null, "mes"), Now.AddHours(2)).Problem!.Kind);
    }

    [Fact]
    public void Start_InTheFuture_IsRefused() =>
        Assert.Equal(BatchProblemKind.Invalid, _sut.Start(new BatchStart("B1", "P", "T", ["cr1"], "open", Now.AddHours(1), "mes"), Now).Problem!.Kind);
}
