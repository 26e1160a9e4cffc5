using CleanroomMonitor.Core.Configuration;
using CleanroomMonitor.Core.Facility;
using CleanroomMonitor.Core.Partitions;

namespace CleanroomMonitor.Core.Tests.Partitions;

public sealed class PartitionPlanTests
{
    private readonly FacilityDefinition _facility = FacilityReader.Parse("""
        {
          "site": { "id": "site1", "name": "Test site", "timeZone": "UTC" },
          "rooms": [ { "id": "cr1", "name": "Suite 1", "grade": "B", "adjacent": ["al1"] },
                     { "id": "al1", "name": "Airlock", "grade": "C", "adjacent": ["cr1", "cr2"] },
                     { "id": "cr2", "name": "Suite 2", "grade": "B", "adjacent": ["al1"] } ],
          "sensors": [ { "id": "th1", "room": "cr1", "parameters": ["temperature"] } ]
        }
        """, "test.json");

    [Fact]
    public void Create_NoneConfigured_OnePartitionPerRoomNamedAfterIt()
    {
        var plan = PartitionPlan.Create(_facility, null);

        Assert.Equal(["cr1", "al1", "cr2"], plan.Partitions.Select(p => p.Id.Value));
        Assert.All(plan.Partitions, p => Assert.Equal([new RoomId(p.Id.Value)], p.Rooms));
        Assert.Equal(new PartitionId("al1"), plan.PartitionOf(new RoomId("al1")));
    }

    [Fact]
    public void Create_Configured_PartitionOfFindsEachRoomsGroup()
    {
        var plan = PartitionPlan.Create(_facility, [new("suite-1", ["cr1", "al1"]), new("suite-2", ["cr2"])]);

        Assert.Equal(2, plan.Count);
        Assert.Equal(new PartitionId("suite-1"), plan.PartitionOf(new RoomId("al1")));
        Assert.Equal(new PartitionId("suite-2"), plan.PartitionOf(new RoomId("cr2")));
        Assert.Throws<ArgumentException>(() => plan.PartitionOf(new RoomId("nowhere")));
    }

    [Fact]
    public void Validate_UnknownRoom_NamesPathAndValue()
    {
        var errors = PartitionPlan.Validate(_facility, [new("a", ["cr1", "al1", "cr9"]), new("b", ["cr2"])]);

        var error = Assert.Single(errors);
        Assert.Equal("Cluster:Partitions:0:Rooms:2", error.Path);
        Assert.Equal("cr9", error.Value);
        Assert.Contains("cr1, al1, cr2", error.Expected, StringComparison.Ordinal);
    }

    [Fact]
    public void Validate_RoomInTwoPartitions_NamesTheSecondAndTheFirst()
    {
        var errors = PartitionPlan.Validate(_facility, [new("a", ["cr1", "al1"]), new("b", ["cr2", "al1"])]);

        var error = Assert.Single(errors);
        Assert.Equal("Cluster:Partitions:1:Rooms:1", error.Path);
        Assert.Equal("al1", error.Value);
        Assert.Contains("Cluster:Partitions:0", error.Expected, StringComparison.Ordinal);
    }

    [Fact]
    public void Validate_RoomInNoPartition_NamesTheRoom()
    {
        var errors = PartitionPlan.Validate(_facility, [new("a", ["cr1", "al1"])]);

        var error = Assert.Single(errors);
        Assert.Equal("Cluster:Partitions", error.Path);
        Assert.Equal("cr2", error.Value);
    }

    [Fact]
    public void Validate_EmptyPartition_IsRefused()
    {
        var errors = PartitionPlan.Validate(_facility, [new("a", ["cr1", "al1", "cr2"]), new("b", [])]);

        var error = Assert.Single(errors);
        Assert.Equal("Cluster:Partitions:1:Rooms", error.Path);
    }

    [Theory]
    [InlineData("Suite")]
    [InlineData("a/b")]
    [InlineData("a+")]
    [InlineData("#")]
    [InlineData("")]
    [InlineData(null)]
    public void Validate_IdNotTopicSafe_IsRefused(string? id)
    {
        var errors = PartitionPlan.Validate(_facility, [new(id, ["cr1", "al1", "cr2"])]);

        var error = Assert.Single(errors);
        Assert.Equal("Cluster:Partitions:0:Id", error.Path);
        Assert.Equal(id, error.Value);
    }

    [Fact]
    public void Validate_DuplicateId_NamesTheFirstUse()
    {
        var errors = PartitionPlan.Validate(_facility, [new("a", ["cr1"]), new("a", ["al1", "cr2"])]);

        var error = Assert.Single(errors);
        Assert.Equal("Cluster:Partitions:1:Id", error.Path);
        Assert.Contains("Cluster:Partitions:0", error.Expected, StringComparison.Ordinal);
    }

    [Fact]
    public void Create_SeveralProblems_ThrowsWithEveryOne()
    {
        var ex = Assert.Throws<ConfigurationException>(() => PartitionPlan.Create(_facility, [new("A", ["cr1", "cr9"]), new("b", [])]));

        // The id, the unknown room, the empty partition, and al1 and cr2 in none.
        Assert.Equal(["Cluster:Partitions:0:Id", "Cluster:Partitions:0:Rooms:1", "Cluster:Partitions:1:Rooms", "Cluster:Partitions", "Cluster:Partitions"],
            ex.Errors.Select(e => e.Path));
        Assert.Contains("Cluster:Partitions:0:Id = 'A'", ex.Message, StringComparison.Ordinal);
    }
}
