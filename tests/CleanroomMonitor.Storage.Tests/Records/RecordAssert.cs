using CleanroomMonitor.Core.Batches;
using CleanroomMonitor.Core.Excursions;

namespace CleanroomMonitor.Storage.Tests.Records;

/// <summary>Record equality for records with list members (a record compares lists by reference) and exact
/// <see cref="DateTimeOffset"/>s (its Equals ignores the offset; the store must keep it).</summary>
internal static class RecordAssert
{
    public static void Equal(Excursion expected, Excursion? actual)
    {
        Assert.NotNull(actual);
        Assert.Equal(expected.Batches, actual.Batches);
        Assert.Equal(expected.History, actual.History);
        Assert.Equal(expected with { Batches = actual.Batches, History = actual.History }, actual);
        Exact(expected.StartedAt, actual.StartedAt);
        Exact(expected.EndedAt, actual.EndedAt);
        Exact(expected.PeakAt, actual.PeakAt);
        Assert.All(expected.History.Zip(actual.History), pair => Exact(pair.First.At, pair.Second.At));
    }

    public static void Equal(Batch expected, Batch? actual)
    {
        Assert.NotNull(actual);
        Assert.Equal(expected.Rooms, actual.Rooms);
        Assert.Equal(expected with { Rooms = actual.Rooms }, actual);
        Exact(expected.StartedAt, actual.StartedAt);
        Exact(expected.EndedAt, actual.EndedAt);
    }

    public static void Equal(RoomWindow expected, RoomWindow? actual)
    {
        Assert.Equal(expected, actual);
        Exact(expected.From, actual!.From);
        Exact(expected.To, actual.To);
    }

    public static void Exact(DateTimeOffset? expected, DateTimeOffset? actual) =>
        Assert.True(expected is null ? actual is null : actual is { } a && expected.Value.EqualsExact(a),
            $"expected {expected:O}, got {actual:O}");
}
