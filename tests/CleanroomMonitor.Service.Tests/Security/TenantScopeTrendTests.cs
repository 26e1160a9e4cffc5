using System.Security.Claims;
using CleanroomMonitor.Core.Facility;
using CleanroomMonitor.Core.Security;
using CleanroomMonitor.Service.Security;

namespace CleanroomMonitor.Service.Tests.Security;

/// <summary>A tenant sees a room's trend report only for a period the room was theirs throughout (docs/reports.md "Trend report").</summary>
public sealed class TenantScopeTrendTests
{
    private static readonly RoomId Cr1 = new("cr1");
    private static readonly DateTimeOffset Nov1 = new(2026, 11, 1, 0, 0, 0, TimeSpan.Zero);
    private static readonly DateTimeOffset Dec1 = new(2026, 12, 1, 0, 0, 0, TimeSpan.Zero);

    private static RoomLease Lease(DateTimeOffset from, DateTimeOffset? to, string tenant = "helix-bio", string room = "cr1") =>
        new(Guid.NewGuid(), new RoomId(room), tenant, from, to, "admin");

    private static TenantScope Tenant(params RoomLease[] leases) =>
        new(new ClaimsPrincipal(new ClaimsIdentity([new Claim(ClaimNames.Tenant, "helix-bio")], "test")), leases);

    [Fact]
    public void HadRoomThroughout_FacilityStaff_Always() =>
        Assert.True(new TenantScope(new ClaimsPrincipal(new ClaimsIdentity([], "test")), []).HadRoomThroughout(Cr1, Nov1, Dec1));

    [Fact]
    public void HadRoomThroughout_TwoLeasesBackToBack_True() =>
        Assert.True(Tenant(Lease(Nov1.AddDays(10), null), Lease(Nov1.AddDays(-3), Nov1.AddDays(10))).HadRoomThroughout(Cr1, Nov1, Dec1));

    [Theory]
    [InlineData(1, null)]     // leased from the 2nd: the 1st was not theirs
    [InlineData(0, 20)]       // lease ended on the 21st
    public void HadRoomThroughout_LeaseCoversPartOfThePeriod_False(int startDay, int? endDay) =>
        Assert.False(Tenant(Lease(Nov1.AddDays(startDay), endDay is { } e ? Nov1.AddDays(e) : null)).HadRoomThroughout(Cr1, Nov1, Dec1));

    [Fact]
    public void HadRoomThroughout_GapBetweenLeases_False() =>
        Assert.False(Tenant(Lease(Nov1, Nov1.AddDays(10)), Lease(Nov1.AddDays(11), null)).HadRoomThroughout(Cr1, Nov1, Dec1));

    [Fact]
    public void HadRoomThroughout_OtherTenantsOrRoomsLease_False() =>
        Assert.False(Tenant(Lease(Nov1, null, tenant: "other"), Lease(Nov1, null, room: "cr2")).HadRoomThroughout(Cr1, Nov1, Dec1));
}
