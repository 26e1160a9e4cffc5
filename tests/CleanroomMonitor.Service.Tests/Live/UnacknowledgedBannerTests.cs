using System.Security.Claims;
using CleanroomMonitor.Core.Excursions;
using CleanroomMonitor.Core.Facility;
using CleanroomMonitor.Core.Limits;
using CleanroomMonitor.Core.Security;
using CleanroomMonitor.Service.Live;
using CleanroomMonitor.Service.Security;

namespace CleanroomMonitor.Service.Tests.Live;

/// <summary>What the live board's banner of unacknowledged excursions lists, in which order, for whom.</summary>
public sealed class UnacknowledgedBannerTests
{
    private static readonly DateTimeOffset Now = new(2026, 12, 7, 9, 0, 0, TimeSpan.Zero);
    private static readonly RoomId Cr1 = new("cr1");
    private static readonly RoomId Cr2 = new("cr2");
    private static readonly Dictionary<RoomId, string> Names = new() { [Cr1] = "Cleanroom 1", [Cr2] = "Cleanroom 2" };
    private static readonly TenantScope Staff = new(new ClaimsPrincipal(new ClaimsIdentity([], "test")), []);

    [Fact]
    public void Select_EachStatus_OnlyThoseWaitingForAnAcknowledgement()
    {
        var all = Enum.GetValues<ExcursionStatus>().Select((status, i) => Excursion(Cr1, Now.AddMinutes(-i), status)).ToList();

        var entries = UnacknowledgedBanner.Select(all, Staff, [], Names, Now);

        var expected = all.Where(e => e.Status is ExcursionStatus.Unacknowledged or ExcursionStatus.ReturnedUnacknowledged).Select(e => e.Id);
        Assert.Equal(expected.Order(), entries.Select(e => e.Id).Order());
    }

    [Fact]
    public void Select_ShelvedExcursion_LeftOut()
    {
        var entries = UnacknowledgedBanner.Select([Excursion(Cr1, Now, ExcursionStatus.Shelved)], Staff, [], Names, Now);

        Assert.Empty(entries);
    }

    [Fact]
    public void Select_SeveralExcursions_NewestFirst()
    {
        var old = Excursion(Cr1, Now.AddMinutes(-30));
        var newest = Excursion(Cr2, Now.AddSeconds(-5));
        var middle = Excursion(Cr1, Now.AddMinutes(-4), ExcursionStatus.ReturnedUnacknowledged) with { EndedAt = Now.AddMinutes(-1) };

        var entries = UnacknowledgedBanner.Select([old, newest, middle], Staff, [], Names, Now);

        Assert.Equal([newest.Id, middle.Id, old.Id], entries.Select(e => e.Id));
    }

    [Fact]
    public void Select_ActionTemperature_EntryInWords()
    {
        var e = Excursion(Cr1, Now.AddMinutes(-4).AddSeconds(-10)) with { Sensor = new SensorId("th1"), Parameter = Parameter.Temperature };

        var entry = Assert.Single(UnacknowledgedBanner.Select([e], Staff, [], Names, Now));

        Assert.Equal(new BannerEntry(e.Id, "action", "cr1", "Cleanroom 1", "th1 · temperature", "temperature", e.StartedAt, 250, HasReturned: false), entry);
    }

    [Fact]
    public void Select_ReturnedUnacknowledged_MarkedAsReturned()
    {
        var e = Excursion(Cr1, Now.AddMinutes(-4), ExcursionStatus.ReturnedUnacknowledged) with { EndedAt = Now.AddMinutes(-1) };

        Assert.True(Assert.Single(UnacknowledgedBanner.Select([e], Staff, [], Names, Now)).HasReturned);
    }

    [Theory]
    [InlineData(ExcursionKind.Temperature, LimitLevel.Alert, "alert")]
    [InlineData(ExcursionKind.Particles, LimitLevel.Action, "action")]
    [InlineData(ExcursionKind.DataGap, LimitLevel.Action, "action")]
    [InlineData(ExcursionKind.System, LimitLevel.Action, "system")]
    [InlineData(ExcursionKind.System, LimitLevel.Alert, "system")]
    public void LevelOf_KindAndLevel_AlertActionOrSystem(ExcursionKind kind, LimitLevel level, string expected) =>
        Assert.Equal(expected, UnacknowledgedBanner.LevelOf(Excursion(Cr1, Now) with { Kind = kind, Level = level }));

    [Fact]
    public void Select_SystemExcursion_NamedTheMonitoringSystem()
    {
        var e = Excursion(ExcursionTracker.SystemRoom, Now) with { Kind = ExcursionKind.System, Sensor = new SensorId("storage") };

        var entry = Assert.Single(UnacknowledgedBanner.Select([e], Staff, [], Names, Now));

        Assert.Equal(("system", "monitoring system", "storage", "monitoring system"), (entry.Level, entry.Room, entry.Sensor, entry.Kind));
    }

    [Fact]
    public void Select_TenantUser_OnlyExcursionsOfItsLeaseOrItsBatches()
    {
        var lease = new RoomLease(Guid.NewGuid(), Cr1, "helix-bio", Now.AddDays(-1), null, "admin");
        var tenant = new TenantScope(new ClaimsPrincipal(new ClaimsIdentity([new Claim(ClaimNames.Tenant, "helix-bio")], "test")), [lease]);
        var inLeasedRoom = Excursion(Cr1, Now.AddMinutes(-1));
        var beforeTheLease = Excursion(Cr1, Now.AddDays(-2)) with { EndedAt = Now.AddDays(-1.5), Status = ExcursionStatus.ReturnedUnacknowledged };
        var otherRoom = Excursion(Cr2, Now.AddMinutes(-2));
        var otherRoomItsBatch = Excursion(Cr2, Now.AddMinutes(-3)) with { Batches = ["H-1"] };

        var entries = UnacknowledgedBanner.Select([inLeasedRoom, beforeTheLease, otherRoom, otherRoomItsBatch], tenant, ["H-1"], Names, Now);

        Assert.Equal([inLeasedRoom.Id, otherRoomItsBatch.Id], entries.Select(e => e.Id));
    }

    [Fact]
    public void Select_FacilityStaff_SeesEveryTenantsExcursions()
    {
        var entries = UnacknowledgedBanner.Select([Excursion(Cr1, Now), Excursion(Cr2, Now.AddSeconds(-1)) with { Batches = ["C-1"] }], Staff, [], Names, Now);

        Assert.Equal(2, entries.Count);
    }

    [Fact]
    public void Select_NothingWaiting_Empty() =>
        Assert.Empty(UnacknowledgedBanner.Select([Excursion(Cr1, Now, ExcursionStatus.Acknowledged)], Staff, [], Names, Now));

    private static Excursion Excursion(RoomId room, DateTimeOffset startedAt, ExcursionStatus status = ExcursionStatus.Unacknowledged) =>
        new(Guid.NewGuid(), ExcursionKind.Temperature, LimitLevel.Action, null, room, null, Grade.B, RoomState.AtRest, "value ≥ action limit 25", 26, 25, null, null,
            startedAt, null, null, null, status, [], [], "1");
}
